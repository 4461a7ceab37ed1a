import type { SlaOwnerPerformance } from '../queries/readSlaPerformance';
import { escapeHtml } from './escapeHtml';
import { formatCount, formatDecimal, formatPercent } from './formatValues';
import { slaByTeam } from './slaByTeam';

const width = 480;
const rowHeight = 52;
const labelWidth = 150;
const rateWidth = 70;
const barArea = width - labelWidth - rateWidth - 10;

/** Met, breached and open SLAs per team as bars with the met rate, then every owner's numbers in a table. */
export function renderSlaChart(rows: SlaOwnerPerformance[]): string {
  const teams = slaByTeam(rows);
  if (teams.length === 0) return '<p class="empty" data-testid="sla-empty">No SLA has started yet.</p>';
  const top = Math.max(1, ...teams.map((t) => t.met + t.breached + t.open));
  const scale = (n: number) => (n / top) * barArea;
  const bars = teams.map((t, i) => {
    const y = i * rowHeight;
    const met = scale(t.met);
    const breached = scale(t.breached);
    const open = scale(t.open);
    const id = escapeHtml(t.team);
    return `<g data-testid="sla-team" data-team="${id}">
      <title>${id}: ${t.met} met, ${t.breached} breached, ${t.open} open</title>
      <text x="0" y="${y + 22}" class="axis-label">${id}</text>
      <rect x="${labelWidth}" y="${y + 8}" width="${barArea}" height="20" rx="3" class="track"/>
      <rect x="${labelWidth}" y="${y + 8}" width="${met.toFixed(1)}" height="20" class="sla-met"/>
      <rect x="${(labelWidth + met).toFixed(1)}" y="${y + 8}" width="${breached.toFixed(1)}" height="20" class="sla-breached"/>
      <rect x="${(labelWidth + met + breached).toFixed(1)}" y="${y + 8}" width="${open.toFixed(1)}" height="20" class="sla-open"/>
      <text x="${labelWidth}" y="${y + 44}" class="tick"><tspan data-testid="sla-team-met">${formatCount(t.met)}</tspan> met · <tspan data-testid="sla-team-breached">${formatCount(t.breached)}</tspan> breached · ${formatCount(t.open)} open</text>
      <text x="${width}" y="${y + 24}" text-anchor="end" class="rate-strong" data-testid="sla-team-rate">${formatPercent(t.metRate)}</text>
    </g>`;
  });
  const chart = `<svg viewBox="0 0 ${width} ${teams.length * rowHeight}" role="img" aria-label="SLA met and breached per team" class="chart">${bars.join('')}</svg>
    <ul class="legend"><li><span class="swatch sla-met"></span>met</li><li><span class="swatch sla-breached"></span>breached</li><li><span class="swatch sla-open"></span>open</li><li class="legend-note">met rate of decided SLAs</li></ul>`;
  return `<div class="split"><div>${chart}</div><div>${renderOwnerTable(rows)}</div></div>`;
}

function renderOwnerTable(rows: SlaOwnerPerformance[]): string {
  const body = rows
    .map(
      (r) => `<tr data-testid="sla-owner" data-owner="${escapeHtml(r.owner)}">
        <td>${escapeHtml(r.team)}</td><td>${escapeHtml(r.owner)}</td>
        <td class="num">${formatCount(r.started)}</td><td class="num">${formatCount(r.met)}</td><td class="num">${formatCount(r.breached)}</td>
        <td class="num">${formatPercent(r.metRate)}</td>
        <td class="num">${formatDecimal(r.medianMinutesToFirstTouch)}</td><td class="num">${formatDecimal(r.p90MinutesToFirstTouch)}</td></tr>`,
    )
    .join('');
  return `<div class="scroll"><table data-testid="sla-owners"><thead><tr><th>Team</th><th>Owner</th><th class="num">Started</th><th class="num">Met</th><th class="num">Breached</th>
    <th class="num">Met rate</th><th class="num">Median min</th><th class="num">p90 min</th></tr></thead><tbody>${body}</tbody></table></div>`;
}
