import { stages } from '@leadflow/schemas';
import { plainTextTable } from '../rescore/plainTextTable';
import type { LeadCurrentRow } from './readLeadCurrent';
import type { SuccessMetricRow } from './readSuccessMetrics';

/** One line on the generated leads: how many stand at each stage. */
export function formatStageCounts(rows: LeadCurrentRow[], visitors: number): string {
  const counts = stages.map((stage) => [stage, rows.filter((r) => r.stage === stage).length] as const).filter(([, n]) => n > 0);
  return `generated leads (${rows.length}): ${counts.map(([stage, n]) => `${n} ${stage.toUpperCase()}`).join(', ')}; and ${visitors} anonymous visitors who never identified`;
}

/** The success metrics as a plain-text table. */
export function formatSuccessMetrics(rows: SuccessMetricRow[]): string {
  return plainTextTable(
    ['metric', 'value', 'numerator', 'denominator'],
    rows.map((r) => [r.metric, r.value ?? '-', r.numerator ?? '-', r.denominator ?? '-']),
  );
}
