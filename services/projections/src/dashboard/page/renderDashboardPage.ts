import type { DashboardData } from './DashboardData';
import { dashboardStyles } from './dashboardStyles';
import { escapeHtml } from './escapeHtml';
import { renderCampaignTable } from './renderCampaignTable';
import { renderFunnelChart } from './renderFunnelChart';
import { renderGradeChart } from './renderGradeChart';
import { renderMetricTiles } from './renderMetricTiles';
import { renderSlaChart } from './renderSlaChart';
import { renderUntouchedTable } from './renderUntouchedTable';

/** Seconds between reloads of the page, so a screen left open follows the funnel. */
const REFRESH_SECONDS = 60;

/** The whole dashboard as one HTML document: inline CSS and SVG, no script, nothing fetched from elsewhere. */
export function renderDashboardPage(data: DashboardData): string {
  const asOf = `${data.asOf.slice(0, 16).replace('T', ' ')} UTC`;
  const period = `last ${data.days} days`;
  const section = (id: string, title: string, sub: string, body: string, wide = false) =>
    `<section class="card${wide ? ' wide' : ''}" data-testid="section-${id}"><h2>${title}</h2><p class="sub">${sub}</p>${body}</section>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${REFRESH_SECONDS}">
<title>leadflow · funnel dashboard</title>
<style>${dashboardStyles}</style>
</head>
<body>
<header>
  <h1><span>leadflow</span> · funnel dashboard</h1>
  <p data-testid="as-of">as of ${escapeHtml(asOf)} · funnel and grades: ${period} · refreshes every minute</p>
</header>
<main>
  ${section('metrics', 'Success metrics', 'The five numbers the programme is judged by, against the baseline it started from and its target.', renderMetricTiles(data.metrics, singleCurrency(data)), true)}
  ${section('funnel', 'Funnel', `Leads created and stage transitions, ${period}, every campaign and source. Rates are conversion from the step before.`, renderFunnelChart(data.funnel))}
  ${section('grades', 'Grade distribution', `Leads per grade per day, ${period}.`, renderGradeChart(data.grades))}
  ${section('sla', 'SLA compliance per team', 'First touch within the SLA after a lead became sales qualified.', renderSlaChart(data.sla), true)}
  ${section('campaigns', 'Campaigns', 'Spend against leads, qualified leads, pipeline and won amounts; attribution by first and last touch.', renderCampaignTable(data.campaigns), true)}
  ${section('untouched', 'Untouched SQLs', `Sales-qualified leads nobody has contacted yet, longest waiting first${data.untouched.length ? ` (${data.untouched.length})` : ''}.`, renderUntouchedTable(data.untouched), true)}
</main>
</body>
</html>
`;
}

/** The one currency every campaign with spend is in, so a cost across campaigns can name it; null when mixed or none. */
function singleCurrency(data: DashboardData): string | null {
  const currencies = new Set(data.campaigns.flatMap((c) => (c.currency ? c.currency.split(',') : [])));
  return currencies.size === 1 ? ([...currencies][0] ?? null) : null;
}
