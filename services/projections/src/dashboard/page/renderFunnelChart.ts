import type { FunnelDay } from '../queries/readFunnelDaily';
import { escapeHtml } from './escapeHtml';
import { formatCount, formatDays, formatPercent } from './formatValues';
import { funnelStages } from './funnelStages';

const width = 600;
const rowHeight = 44;
const labelWidth = 96;
const barArea = 300;
const countX = labelWidth + barArea + 14;

/** Leads → MQL → SQL → accepted → opportunity → won as centred bars, each with its count and its conversion from the step before. */
export function renderFunnelChart(rows: FunnelDay[]): string {
  const stages = funnelStages(rows);
  const top = Math.max(1, ...stages.map((s) => s.count));
  const bars = stages.map((stage, i) => {
    const y = i * rowHeight;
    const barWidth = stage.count === 0 ? 2 : Math.max(4, (stage.count / top) * barArea);
    const x = labelWidth + (barArea - barWidth) / 2;
    const previous = stages[i - 1];
    const rate = stage.rateFromPrevious === null || !previous ? '' : `${formatPercent(stage.rateFromPrevious)} of ${escapeHtml(previous.label)}`;
    return `<g data-testid="funnel-stage-${stage.key}">
      <title>${escapeHtml(stage.label)}: ${formatCount(stage.count)}${rate ? ` (${rate})` : ''}</title>
      <text x="0" y="${y + 27}" class="axis-label">${escapeHtml(stage.label)}</text>
      <rect x="${x.toFixed(1)}" y="${y + 6}" width="${barWidth.toFixed(1)}" height="${rowHeight - 12}" rx="4" class="funnel-bar funnel-bar-${i}"/>
      <text x="${countX}" y="${y + 28}" class="bar-value" data-testid="funnel-count-${stage.key}">${formatCount(stage.count)}</text>
      <text x="${width}" y="${y + 27}" text-anchor="end" class="rate" data-testid="funnel-rate-${stage.key}">${rate}</text>
    </g>`;
  });
  const chart = `<svg viewBox="0 0 ${width} ${stages.length * rowHeight}" role="img" aria-label="Funnel totals" class="chart">${bars.join('')}</svg>`;
  return `${chart}<p class="note">Lead → SQL in <b data-testid="funnel-days-to-sql">${formatDays(averageDaysToSql(rows))}</b> on average ·
    <b data-testid="funnel-requalified">${formatCount(rows.reduce((sum, r) => sum + r.requalified, 0))}</b> re-qualified after recycling</p>`;
}

/** The average over all SQLs of the period: each row's average weighted by its SQLs. */
function averageDaysToSql(rows: FunnelDay[]): number | null {
  const withSql = rows.filter((r) => r.sql > 0 && r.avgDaysLeadToSql != null);
  const sqls = withSql.reduce((sum, r) => sum + r.sql, 0);
  return sqls === 0 ? null : withSql.reduce((sum, r) => sum + r.sql * (r.avgDaysLeadToSql ?? 0), 0) / sqls;
}
