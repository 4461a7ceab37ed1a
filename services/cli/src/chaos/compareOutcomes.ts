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

type Row = Record<string, unknown>;

/** Rows in one multiset and not in the other, both ways. */
function rowDifferences(a: Row[], b: Row[]): { calmOnly: Row[]; chaosOnly: Row[] } {
  const left = new Map<string, { row: Row; n: number }>();
  for (const row of a) {
    const key = JSON.stringify(row);
    left.set(key, { row, n: (left.get(key)?.n ?? 0) + 1 });
  }
  const chaosOnly: Row[] = [];
  for (const row of b) {
    const entry = left.get(JSON.stringify(row));
    if (entry && entry.n > 0) entry.n -= 1;
    else chaosOnly.push(row);
  }
  const calmOnly = [...left.values()].flatMap(({ row, n }) => Array.from({ length: n }, () => row));
  return { calmOnly, chaosOnly };
}

/** A row's identity for the examples: its first column (a lead or event id in every analytics table). */
const keyOf = (row: Row): string => String(Object.values(row)[0]);

/** What an operator needs to see of one difference: the columns that differ on both sides, or the whole row. */
function describeDifferences(calmOnly: Row[], chaosOnly: Row[]): string[] {
  const chaosByKey = new Map(chaosOnly.map((row) => [keyOf(row), row]));
  const paired = calmOnly.flatMap((calm) => {
    const chaos = chaosByKey.get(keyOf(calm));
    if (!chaos) return [];
    const columns = Object.keys({ ...calm, ...chaos }).filter((c) => JSON.stringify(calm[c]) !== JSON.stringify(chaos[c]));
    const pick = (row: Row) => JSON.stringify(Object.fromEntries(columns.map((c) => [c, row[c]])));
    return [`${keyOf(calm)}: calm ${pick(calm)}, chaos ${pick(chaos)}`];
  });
  const single = [...calmOnly.map((r) => `calm only: ${JSON.stringify(r)}`), ...chaosOnly.map((r) => `chaos only: ${JSON.stringify(r)}`)];
  return [...paired, ...single];
}

function compareTables(name: string, calm: RunOutcome['tables'], chaos: RunOutcome['tables'], counts: boolean): Comparison {
  const tables = [...new Set([...Object.keys(calm), ...Object.keys(chaos)])].sort();
  const perTable = tables
    .map((table) => ({ table, ...rowDifferences(calm[table] ?? [], chaos[table] ?? []) }))
    .filter((t) => t.calmOnly.length + t.chaosOnly.length > 0);
  const examples = perTable.map((t) => `${t.table}: ${t.calmOnly.length + t.chaosOnly.length} rows differ, e.g. ${describeDifferences(t.calmOnly, t.chaosOnly)[0]}`);
  return { name, mismatches: perTable.reduce((sum, t) => sum + t.calmOnly.length + t.chaosOnly.length, 0), counts, examples };
}

const byId = (events: readonly LeadEvent[]) => new Map(events.map((e) => [e.eventId, e]));
const describeEvents = (events: readonly LeadEvent[]) => events.slice(0, EXAMPLES).map((e) => `${e.type} ${e.eventId} of ${e.leadId}`);

function compareKafkaWithStore(run: RunOutcome): Comparison[] {
  const published = byId(run.published);
  const stored = byId(run.stored);
  const notStored = [...published.values()].filter((e) => !stored.has(e.eventId));
  const notPublished = [...stored.values()].filter((e) => !published.has(e.eventId));
  const differing = [...published.values()].filter((e) => stored.has(e.eventId) && stored.get(e.eventId)?.content !== e.content);
  return [
    { name: 'lifecycle events on Kafka, not in the event store', mismatches: notStored.length, counts: true, examples: describeEvents(notStored) },
    { name: 'event store events not on Kafka', mismatches: notPublished.length, counts: true, examples: describeEvents(notPublished) },
    { name: 'same event id, different content', mismatches: differing.length, counts: true, examples: describeEvents(differing) },
  ];
}

/**
 * The net lifecycle: the events no compensating event retracted, without the compensations. This
 * is what a CRM applying every retraction holds, and what must be the same whatever the faults.
 */
export function netLifecycle(events: readonly LeadEvent[]): LeadEvent[] {
  const retracted = new Set(events.flatMap((e) => (e.retracts ? [e.retracts] : [])));
  return events.filter((e) => !e.retracts && !retracted.has(e.eventId));
}

/**
 * An event's content without its id, without round-robin owners (`owner`, `previousOwner`), which
 * may follow arrival order, and with sealed personal fields masked: each run seals with its own keys
 * and a fresh IV, so equal plaintext never gives equal envelopes.
 */
const decisionOf = (e: LeadEvent): string =>
  e.content
    .replace(`"eventId":"${e.eventId}",`, '')
    .replace(/"(owner|previousOwner)":"[^"]*",?/g, '')
    .replace(/"lf1\.[^"]*"/g, '"<sealed>"');

/** Net events that repeat another's lead, type, time and content under a new id. */
function duplicates(events: readonly LeadEvent[], only?: string): LeadEvent[] {
  const seen = new Set<string>();
  return netLifecycle(events).filter((e) => {
    if (only !== undefined && e.type !== only) return false;
    const key = decisionOf(e);
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  });
}

function compareNetLifecycles(calm: RunOutcome, chaos: RunOutcome): Comparison {
  const decisions = (run: RunOutcome) => netLifecycle(run.stored).map((e) => ({ decision: decisionOf(e) }));
  const { calmOnly, chaosOnly } = rowDifferences(decisions(calm), decisions(chaos));
  const examples = [...calmOnly.map((r) => `calm only: ${r.decision}`), ...chaosOnly.map((r) => `chaos only: ${r.decision}`)].slice(0, EXAMPLES);
  return { name: 'net lifecycle, event for event (owners aside)', mismatches: calmOnly.length + chaosOnly.length, counts: true, examples };
}

/**
 * Time-driven re-grades follow the wall clock: a lead whose grade crossing falls between the end
 * of one run and the end of the other is re-graded in one only. A score row evaluated after
 * `trafficNow` (the instant the traffic was generated; every event occurred before it) is such a
 * re-grade. The leads with one, in either run, have their rows in score tables (those with a
 * `scored_at` column) set aside from both runs; their lifecycle is still compared event for event.
 */
export function setAsideWallClockRegrades(calm: RunOutcome['tables'], chaos: RunOutcome['tables'], trafficNow: number) {
  const scoreTables = Object.keys({ ...calm, ...chaos }).filter((t) => [...(calm[t] ?? []), ...(chaos[t] ?? [])].some((row) => 'scored_at' in row && 'lead_id' in row));
  const regraded = new Set<string>();
  for (const table of scoreTables) {
    for (const row of [...(calm[table] ?? []), ...(chaos[table] ?? [])]) {
      const at = row.scored_at === null || row.scored_at === undefined ? NaN : Date.parse(String(row.scored_at));
      if (at > trafficNow) regraded.add(String(row.lead_id));
    }
  }
  const without = (tables: RunOutcome['tables']) =>
    Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, scoreTables.includes(t) ? rows.filter((row) => !regraded.has(String(row.lead_id))) : rows]));
  return { calm: without(calm), chaos: without(chaos), leads: [...regraded].sort() };
}

/**
 * Everything the chaos run must share with the calm run of the same input: the analysts' tables
 * row for row, the same net lifecycle, Kafka and the event store in agreement, no transition or
 * timer twice, no more dead letters than the calm run had. How often a late input made hand-off
 * compensate is reported, not counted: a detour is allowed as long as both arrive at the same place.
 */
export function compareOutcomes(calm: RunOutcome, chaos: RunOutcome, trafficNow: number): Comparison[] {
  const dup = duplicates(chaos.stored);
  const breaches = (run: RunOutcome) => netLifecycle(run.stored).filter((e) => e.type === 'sla_breached').length;
  const twice = duplicates(chaos.stored, 'sla_breached');
  const compensations = (run: RunOutcome) => run.stored.filter((e) => e.retracts).length;
  const scored = setAsideWallClockRegrades(calm.tables, chaos.tables, trafficNow);
  return [
    compareTables('analytics tables, row for row (owners aside)', scored.calm, scored.chaos, true),
    { name: 'leads re-graded by the wall clock (score rows set aside)', mismatches: scored.leads.length, counts: false, examples: scored.leads.slice(0, EXAMPLES) },
    compareTables('round-robin owners (may follow arrival order)', calm.owners, chaos.owners, false),
    compareTables('ids of decisions made again after a compensation', calm.decisionIds, chaos.decisionIds, false),
    compareNetLifecycles(calm, chaos),
    ...compareKafkaWithStore(chaos),
    { name: 'duplicate transitions in the net lifecycle', mismatches: dup.length, counts: true, examples: dup.slice(0, EXAMPLES).map((e) => `${e.type} of ${e.leadId}`) },
    { name: 'dead letters beyond the calm run’s', mismatches: Math.max(0, chaos.deadLetters - calm.deadLetters), counts: true, examples: [] },
    { name: 'SLA timers fired more than once', mismatches: twice.length, counts: true, examples: twice.slice(0, EXAMPLES).map((e) => e.leadId) },
    { name: 'SLA breaches, chaos vs calm', mismatches: Math.abs(breaches(chaos) - breaches(calm)), counts: true, examples: [`calm ${breaches(calm)}, chaos ${breaches(chaos)}`] },
    { name: 'compensating events (detours), calm / chaos', mismatches: compensations(chaos), counts: false, examples: [`calm ${compensations(calm)}, chaos ${compensations(chaos)}`] },
  ];
}
