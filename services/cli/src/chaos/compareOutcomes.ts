import type { LeadEvent, RunOutcome } from './readRunOutcome';

/** One comparison of the chaos run with the calm one, and how many things differ. */
export interface Comparison {
  name: string;
  mismatches: number;
  /** False for what may legitimately differ (round-robin owners follow arrival order). */
  counts: boolean;
  /** A few of the differences, for the operator to start from. */
  examples: string[];
}

const EXAMPLES = 3;

/** Rows in one multiset and not in the other, both ways. */
function rowDifferences(a: Record<string, unknown>[], b: Record<string, unknown>[]): string[] {
  const left = new Map<string, number>();
  for (const row of a) left.set(JSON.stringify(row), (left.get(JSON.stringify(row)) ?? 0) + 1);
  const onlyRight: string[] = [];
  for (const row of b) {
    const key = JSON.stringify(row);
    const n = left.get(key) ?? 0;
    if (n > 0) left.set(key, n - 1);
    else onlyRight.push(`chaos only: ${key}`);
  }
  const onlyLeft = [...left].flatMap(([key, n]) => Array.from({ length: n }, () => `calm only: ${key}`));
  return [...onlyLeft, ...onlyRight];
}

function compareTables(name: string, calm: RunOutcome['tables'], chaos: RunOutcome['tables'], counts: boolean): Comparison {
  const tables = [...new Set([...Object.keys(calm), ...Object.keys(chaos)])].sort();
  const perTable = tables.map((table) => ({ table, differences: rowDifferences(calm[table] ?? [], chaos[table] ?? []) })).filter((t) => t.differences.length > 0);
  const examples = perTable.map((t) => `${t.table}: ${t.differences.length} rows differ, e.g. ${t.differences[0]}`);
  return { name, mismatches: perTable.reduce((sum, t) => sum + t.differences.length, 0), counts, examples };
}

const byId = (events: readonly LeadEvent[]) => new Map(events.map((e) => [e.eventId, e]));

function compareKafkaWithStore(run: RunOutcome): Comparison[] {
  const published = byId(run.published);
  const stored = byId(run.stored);
  const notStored = [...published.values()].filter((e) => !stored.has(e.eventId));
  const notPublished = [...stored.values()].filter((e) => !published.has(e.eventId));
  const differing = [...published.values()].filter((e) => stored.has(e.eventId) && stored.get(e.eventId)?.content !== e.content);
  const describe = (events: LeadEvent[]) => events.slice(0, EXAMPLES).map((e) => `${e.type} ${e.eventId} of ${e.leadId}`);
  return [
    { name: 'lifecycle events on Kafka, not in the event store', mismatches: notStored.length, counts: true, examples: describe(notStored) },
    { name: 'event store events not on Kafka', mismatches: notPublished.length, counts: true, examples: describe(notPublished) },
    { name: 'same event id, different content', mismatches: differing.length, counts: true, examples: describe(differing) },
  ];
}

/** Stored events that repeat another's lead, type, time and content under a new id. */
function duplicates(events: readonly LeadEvent[], only?: string): LeadEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    if (only !== undefined && e.type !== only) return false;
    const key = e.content.replace(`"eventId":"${e.eventId}"`, '');
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  });
}

/**
 * Everything the chaos run must share with the calm run of the same input: the analysts' tables
 * row for row, Kafka and the event store in agreement, no transition or timer twice, no more dead
 * letters than the calm run had.
 */
export function compareOutcomes(calm: RunOutcome, chaos: RunOutcome): Comparison[] {
  const dup = duplicates(chaos.stored);
  const breaches = (run: RunOutcome) => run.stored.filter((e) => e.type === 'sla_breached').length;
  const twice = duplicates(chaos.stored, 'sla_breached');
  return [
    compareTables('analytics tables, row for row (owners aside)', calm.tables, chaos.tables, true),
    compareTables('round-robin owners (may follow arrival order)', calm.owners, chaos.owners, false),
    ...compareKafkaWithStore(chaos),
    { name: 'duplicate transitions in the event store', mismatches: dup.length, counts: true, examples: dup.slice(0, EXAMPLES).map((e) => `${e.type} of ${e.leadId}`) },
    { name: 'dead letters beyond the calm run’s', mismatches: Math.max(0, chaos.deadLetters - calm.deadLetters), counts: true, examples: [] },
    { name: 'SLA timers fired more than once', mismatches: twice.length, counts: true, examples: twice.slice(0, EXAMPLES).map((e) => e.leadId) },
    { name: 'SLA breaches, chaos vs calm', mismatches: Math.abs(breaches(chaos) - breaches(calm)), counts: true, examples: [`calm ${breaches(calm)}, chaos ${breaches(chaos)}`] },
  ];
}
