import { plainTextTable } from '../rescore/plainTextTable';
import type { Comparison } from './compareOutcomes';
import type { Fault } from './faultSchedule';

/** What a chaos run did and found. */
export interface ChaosReport {
  faults: Record<Fault['kind'], number>;
  /** Instance exits seen by the supervisors (kills and crashes), each restarted. */
  restarts: number;
  events: number;
  leads: number;
  seconds: { calm: number; chaos: number; total: number };
  /** Events per second ingested and applied until quiet, one instance per service (calm) and n (chaos). */
  throughput: { calm: number; chaos: number; instances: number };
  comparisons: Comparison[];
  mismatches: number;
}

/** The table an operator reads, then the JSON line a script reads. */
export function formatChaosReport(report: ChaosReport): string {
  const f = report.faults;
  const facts = [
    ['faults injected', `${f.kill} instance kills, ${f['broker-restart']} broker kill+restart, ${f['registry-stop']} registry stop, ${f['pg-terminate']} pg_terminate_backend rounds`],
    ['instance restarts', String(report.restarts)],
    ['events', String(report.events)],
    ['leads', String(report.leads)],
    ['duration', `calm ${report.seconds.calm.toFixed(0)}s, chaos ${report.seconds.chaos.toFixed(0)}s, total ${report.seconds.total.toFixed(0)}s`],
    ['throughput', `${report.throughput.calm.toFixed(0)} events/s with 1 instance each, ${report.throughput.chaos.toFixed(0)} events/s with ${report.throughput.instances} under faults`],
  ];
  const rows = report.comparisons.map((c) => [c.name, String(c.mismatches), c.counts ? (c.mismatches === 0 ? 'ok' : 'MISMATCH') : 'reported']);
  const examples = report.comparisons.flatMap((c) => (c.mismatches > 0 ? c.examples.map((e) => `  ${c.name}: ${e}`) : []));
  return [
    plainTextTable(['run', ''], facts),
    '',
    plainTextTable(['comparison with the calm run', 'mismatches', ''], rows),
    ...(examples.length > 0 ? ['', 'examples:', ...examples] : []),
    '',
    JSON.stringify(report),
  ].join('\n');
}
