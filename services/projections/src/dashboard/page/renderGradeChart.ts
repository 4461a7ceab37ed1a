import type { GradeDay } from '../queries/readGradeDistribution';
import { escapeHtml } from './escapeHtml';
import { formatCount } from './formatValues';
import { gradeSeries } from './gradeSeries';
import { niceTicks } from './niceTicks';

const width = 560;
const height = 210;
const left = 40;
const bottom = 24;
const plotHeight = height - bottom - 8;

/** Stacked bars of leads per grade for each day, a legend with the latest day's numbers, and the numbers as a table. */
export function renderGradeChart(rows: GradeDay[]): string {
  const series = gradeSeries(rows);
  if (series.days.length === 0) return '<p class="empty" data-testid="grades-empty">No graded leads in this period yet.</p>';
  const ticks = niceTicks(Math.max(1, ...series.days.map((d) => d.total)));
  const top = ticks[ticks.length - 1] ?? 1;
  const y = (value: number) => 8 + plotHeight - (value / top) * plotHeight;
  const slot = (width - left) / series.days.length;
  const barWidth = Math.min(36, slot * 0.7);
  const labelEvery = Math.ceil(series.days.length / 10);
  const grid = ticks.map(
    (t) => `<line x1="${left}" x2="${width}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" class="grid"/>
      <text x="${left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" class="tick">${formatCount(t)}</text>`,
  );
  const bars = series.days.map((d, i) => {
    const x = left + i * slot + (slot - barWidth) / 2;
    let base = 0;
    const segments = series.grades.map((grade) => {
      const leads = d.leads.get(grade) ?? 0;
      if (leads === 0) return '';
      const segment = `<rect x="${x.toFixed(1)}" y="${y(base + leads).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y(base) - y(base + leads)).toFixed(1)}" class="grade grade-${escapeHtml(grade)}"><title>${d.day} · grade ${escapeHtml(grade)}: ${formatCount(leads)} leads</title></rect>`;
      base += leads;
      return segment;
    });
    const label = i % labelEvery === 0 ? `<text x="${(x + barWidth / 2).toFixed(1)}" y="${height - 6}" text-anchor="middle" class="tick">${d.day.slice(5)}</text>` : '';
    return `<g data-testid="grades-day-${d.day}">${segments.join('')}${label}</g>`;
  });
  const latest = series.days[series.days.length - 1];
  const legend = series.grades.map(
    (grade) => `<li><span class="swatch grade-${escapeHtml(grade)}"></span>${escapeHtml(grade)} <b data-testid="grades-latest-${escapeHtml(grade)}">${formatCount(latest?.leads.get(grade) ?? 0)}</b></li>`,
  );
  return `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="Leads per grade per day" class="chart">${grid.join('')}${bars.join('')}</svg>
    <ul class="legend">${legend.join('')}<li class="legend-note">on ${latest?.day ?? ''}</li></ul>
    ${renderGradeTable(series)}`;
}

function renderGradeTable(series: ReturnType<typeof gradeSeries>): string {
  const head = series.grades.map((g) => `<th class="num">${escapeHtml(g)}</th>`).join('');
  const body = [...series.days]
    .reverse()
    .map((d) => `<tr><td>${d.day}</td>${series.grades.map((g) => `<td class="num">${formatCount(d.leads.get(g) ?? 0)}</td>`).join('')}<td class="num">${formatCount(d.total)}</td></tr>`)
    .join('');
  return `<details><summary>Numbers per day</summary>
    <table data-testid="grades-table"><thead><tr><th>Day</th>${head}<th class="num">All</th></tr></thead><tbody>${body}</tbody></table></details>`;
}
