import type { UntouchedSql } from '../queries/readUntouchedSqls';
import { escapeHtml } from './escapeHtml';
import { formatDecimal } from './formatValues';

/** Sales-qualified leads nobody has touched, longest waiting first. */
export function renderUntouchedTable(rows: UntouchedSql[]): string {
  if (rows.length === 0) return '<p class="empty good" data-testid="untouched-empty">Every sales-qualified lead has been touched.</p>';
  const body = rows
    .map(
      (r) => `<tr data-testid="untouched-lead" data-lead="${escapeHtml(r.leadId)}">
        <td class="key">${escapeHtml(r.leadId)}</td>
        <td>${r.grade ? `<span class="badge grade-${escapeHtml(r.grade)}">${escapeHtml(r.grade)}</span>` : '–'}</td>
        <td>${escapeHtml(r.owner ?? '–')}</td><td>${escapeHtml(r.team ?? '–')}</td>
        <td>${escapeHtml(r.sqlAt.slice(0, 16).replace('T', ' '))} UTC</td>
        <td class="num strong" data-testid="untouched-hours">${formatDecimal(r.hoursWaiting, ' h')}</td>
      </tr>`,
    )
    .join('');
  return `<div class="scroll"><table data-testid="untouched-sqls"><thead><tr>
    <th>Lead</th><th>Grade now</th><th>Owner</th><th>Team</th><th>SQL since</th><th class="num">Waiting</th>
  </tr></thead><tbody>${body}</tbody></table></div>`;
}
