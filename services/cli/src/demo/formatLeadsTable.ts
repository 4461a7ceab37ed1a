import type { LeadCurrentRow } from './readLeadCurrent';

const fixed = (n: number | null) => (n === null ? '-' : n.toFixed(1));

/** A plain-text table of leads with their scores, grade and stage. */
export function formatLeadsTable(rows: LeadCurrentRow[], personaOf: (leadId: string) => string): string {
  const header = ['lead', 'persona', 'grade', 'total', 'fit', 'intent', 'readiness', 'stage'];
  const body = rows.map((r) => [
    r.lead_id,
    personaOf(r.lead_id),
    r.grade ?? '-',
    r.total === null ? '-' : String(r.total),
    fixed(r.fit),
    fixed(r.intent),
    fixed(r.readiness),
    r.stage.toUpperCase(),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
