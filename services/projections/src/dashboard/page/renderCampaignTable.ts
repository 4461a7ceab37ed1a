import type { CampaignPerformance } from '../queries/readCampaignPerformance';
import { escapeHtml } from './escapeHtml';
import { formatCount, formatMoney } from './formatValues';

/** Spend, leads, cost per (qualified) lead, pipeline and won per campaign, with first- and last-touch attribution. */
export function renderCampaignTable(rows: CampaignPerformance[]): string {
  if (rows.length === 0) return '<p class="empty" data-testid="campaigns-empty">No campaign has leads or spend yet.</p>';
  const body = rows
    .map(
      (r) => `<tr data-testid="campaign" data-campaign="${escapeHtml(r.campaignId)}">
        <td class="key">${escapeHtml(r.campaignId)}</td>
        <td class="num" data-testid="campaign-spend">${formatMoney(r.spend, r.currency, 0)}</td>
        <td class="num" data-testid="campaign-leads">${formatCount(r.leads)}</td>
        <td class="num" data-testid="campaign-qualified">${formatCount(r.qualifiedLeads)}</td>
        <td class="num">${formatMoney(r.costPerLead, r.currency)}</td>
        <td class="num strong" data-testid="campaign-cpql">${formatMoney(r.costPerQualifiedLead, r.currency)}</td>
        <td class="num" data-testid="campaign-pipeline">${formatMoney(r.pipelineAmount, r.currency, 0)}</td>
        <td class="num" data-testid="campaign-won">${formatMoney(r.wonAmount, r.currency, 0)}</td>
        <td class="num">${formatCount(r.firstTouchLeads)}</td>
        <td class="num">${formatCount(r.lastTouchLeads)}</td>
      </tr>`,
    )
    .join('');
  return `<div class="scroll"><table data-testid="campaigns"><thead><tr>
    <th>Campaign</th><th class="num">Spend</th><th class="num">Leads</th><th class="num">Qualified</th><th class="num">Cost / lead</th>
    <th class="num">Cost / qualified lead</th><th class="num">Pipeline</th><th class="num">Won</th><th class="num">First touch</th><th class="num">Last touch</th>
  </tr></thead><tbody>${body}</tbody></table></div>`;
}
