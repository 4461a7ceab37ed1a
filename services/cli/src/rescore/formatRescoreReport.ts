import { grades } from '@leadflow/schemas';
import type { ModelComparison, StageDifference } from './compareModels';
import { plainTextTable } from './plainTextTable';
import type { ReplayedHistory } from './replayLeadHistories';

/** Where the report's inputs came from, for its heading. */
export interface ReportSources {
  topics: string[];
  modelFiles: { before: string; after: string };
  replay: Pick<ReplayedHistory, 'read' | 'duplicates' | 'undecodable' | 'visitorOnly' | 'truncatedPartitions'>;
}

const SAMPLE_LEADS = 10;

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
const percent = (part: number, whole: number): string => (whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`);

function heading(c: ModelComparison, sources: ReportSources): string {
  const { before, after } = c.versions;
  const { read, duplicates, undecodable, visitorOnly, truncatedPartitions } = sources.replay;
  const truncated = truncatedPartitions.length > 0
    ? [`  warning         partitions ${truncatedPartitions.join(', ')} no longer start at offset 0: older events are gone`]
    : [];
  return [
    `re-scoring ${sources.topics.join(', ')}`,
    `  current model   ${before}  (${sources.modelFiles.before})`,
    `  new model       ${after}  (${sources.modelFiles.after})`,
    `  evaluated at    ${new Date(c.at).toISOString()}`,
    `  events          ${read} read: ${c.events} replayed, ${duplicates} duplicates and ${undecodable} undecodable left out`
      + (visitorOnly > 0 ? `, ${visitorOnly} only a visitor names replayed as stitched` : ''),
    `  beyond horizon  ${c.skipped.before} skipped under ${before}, ${c.skipped.after} under ${after}`,
    `  leads           ${c.leads.length}`,
    ...truncated,
  ].join('\n');
}

function distributionTable(c: ModelComparison): string {
  const { before, after } = c.distribution;
  const rows = grades.map((g) => [g, String(before[g]), String(after[g]), signed(after[g] - before[g])]);
  rows.push(['total', String(c.leads.length), String(c.leads.length), '0']);
  return `grades\n${plainTextTable(['grade', c.versions.before, c.versions.after, 'change'], rows)}`;
}

function changeMatrix(c: ModelComparison): string {
  const rows = grades.map((from) => {
    const counts = grades.map((to) => c.matrix[from][to]);
    return [from, ...counts.map(String), String(counts.reduce((a, b) => a + b, 0))];
  });
  rows.push(['total', ...grades.map((to) => String(c.distribution.after[to])), String(c.leads.length)]);
  const table = plainTextTable([`${c.versions.before} \\ ${c.versions.after}`, ...grades, 'total'], rows);
  const { total, up, down } = c.changed;
  return [
    `grade changes (rows: grade under ${c.versions.before}, columns: grade under ${c.versions.after})`,
    table,
    '',
    `leads changing grade: ${total} of ${c.leads.length} (${percent(total, c.leads.length)}): ${up} up, ${down} down`,
  ].join('\n');
}

function sampleOf(leadIds: readonly string[]): string {
  const shown = leadIds.slice(0, SAMPLE_LEADS).join(', ');
  return leadIds.length > SAMPLE_LEADS ? `${shown} and ${leadIds.length - SAMPLE_LEADS} more` : shown;
}

function stageTable(c: ModelComparison): string {
  const { before, after } = c.versions;
  const row = (stage: string, d: StageDifference) => [
    stage,
    String(d.reachedBefore),
    String(d.reachedAfter),
    String(d.onlyBefore.length),
    String(d.onlyAfter.length),
  ];
  const table = plainTextTable(
    ['stage reached', before, after, `only under ${before}`, `only under ${after}`],
    [row('MQL', c.stages.mql), row('SQL', c.stages.sql)],
  );
  const lists = (['mql', 'sql'] as const).flatMap((stage) => {
    const d = c.stages[stage];
    const name = stage.toUpperCase();
    return [
      ...(d.onlyBefore.length > 0 ? [`${name} only under ${before}: ${sampleOf(d.onlyBefore)}`] : []),
      ...(d.onlyAfter.length > 0 ? [`${name} only under ${after}: ${sampleOf(d.onlyAfter)}`] : []),
    ];
  });
  const same = lists.length === 0 ? ['no lead reaches MQL or SQL under one model only'] : lists;
  return ['hand-offs (the lifecycle decider replayed after each event)', table, '', ...same].join('\n');
}

/** The diff report of a re-scoring, as plain-text tables. */
export function formatRescoreReport(comparison: ModelComparison, sources: ReportSources): string {
  return [heading(comparison, sources), distributionTable(comparison), changeMatrix(comparison), stageTable(comparison)].join(
    '\n\n',
  );
}
