import type { Kafka } from 'kafkajs';
import { Pool, type PoolClient } from 'pg';
import { testing, type Codecs } from '@leadflow/kit';
import { snapshotSchema, type SchemaSnapshot } from '@leadflow/projections';

const ANALYTICS = 'analytics';
/** Bookkeeping of the consumer, not what analysts read: offsets differ with redeliveries by design. */
const NOT_COMPARED = new Set(['consumer_offsets', 'schema_migrations']);

/** An event as both Kafka and the event store hold it. */
export interface LeadEvent {
  eventId: string;
  type: string;
  leadId: string;
  occurredAt: number;
  /** The whole event, keys sorted, so equal content compares equal. */
  content: string;
  /** For a compensating event, the id of the event it retracts. */
  retracts?: string;
}

/** What a finished run left behind, read once for the comparisons. */
export interface RunOutcome {
  /** Analytics tables without round-robin owner columns. */
  tables: SchemaSnapshot;
  /** Analytics tables' owner columns, keyed like `tables`. */
  owners: SchemaSnapshot;
  /** The ids of the hand-off decisions the analytics tables hold, keyed like `tables`. */
  decisionIds: SchemaSnapshot;
  /** Lifecycle, SLA and recycle events on Kafka (redeliveries included). */
  published: LeadEvent[];
  stored: LeadEvent[];
  deadLetters: number;
}

const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
      : value;

type StoredLeadEvent = { eventId: string; type: string; leadId: string; occurredAt: number; payload?: unknown };

const retractedIdOf = (payload: unknown): string | undefined => {
  const id = payload !== null && typeof payload === 'object' ? (payload as { retractedEventId?: unknown }).retractedEventId : undefined;
  return typeof id === 'string' ? id : undefined;
};

const leadEvent = (e: StoredLeadEvent): LeadEvent => ({
  eventId: e.eventId,
  type: e.type,
  leadId: e.leadId,
  occurredAt: e.occurredAt,
  content: JSON.stringify(canonical(e)),
  retracts: retractedIdOf(e.payload),
});

/** Per table, its columns and which of them name a round-robin owner. */
async function analyticsColumns(tx: PoolClient): Promise<{ table: string; columns: string[] }[]> {
  const { rows } = await tx.query<{ table_name: string; columns: string[] }>(
    `select t.table_name, array_agg(c.column_name::text order by c.ordinal_position) as columns
       from information_schema.tables t join information_schema.columns c using (table_schema, table_name)
      where t.table_schema = $1 and t.table_type = 'BASE TABLE' group by t.table_name order by t.table_name`,
    [ANALYTICS],
  );
  return rows.filter((r) => !NOT_COMPARED.has(r.table_name)).map((r) => ({ table: r.table_name, columns: r.columns }));
}

const isOwner = (column: string) => column.includes('owner');

/**
 * Tables whose `event_id` names a hand-off decision. A decision made again after a compensation
 * retracted it gets a new id (a CRM deduplicating by id must see it), so these ids follow the
 * detours a run took; the rows' content must not.
 */
const DECISION_TABLES = new Set(['lead_transitions', 'sla_facts']);
const isDecisionId = (table: string, column: string) => DECISION_TABLES.has(table) && column === 'event_id';

async function readTables(pool: Pool): Promise<Pick<RunOutcome, 'tables' | 'owners' | 'decisionIds'>> {
  const tx = await pool.connect();
  try {
    await tx.query('begin isolation level repeatable read');
    const tables = await analyticsColumns(tx);
    const withOwners = tables.filter((t) => t.columns.some(isOwner));
    const withDecisions = tables.filter((t) => DECISION_TABLES.has(t.table));
    // the owners' view keeps each owner column with the lead it belongs to
    const notOwnership = Object.fromEntries(withOwners.map((t) => [t.table, t.columns.filter((c) => !isOwner(c) && c !== 'lead_id')]));
    const notDecisionIds = Object.fromEntries(withDecisions.map((t) => [t.table, t.columns.filter((c) => !isDecisionId(t.table, c))]));
    const content = await snapshotSchema(tx, ANALYTICS, Object.fromEntries(tables.map((t) => [t.table, t.columns.filter((c) => isOwner(c) || isDecisionId(t.table, c))])));
    const owners = await snapshotSchema(tx, ANALYTICS, notOwnership);
    const decisionIds = await snapshotSchema(tx, ANALYTICS, notDecisionIds);
    const pick = (s: SchemaSnapshot, from: typeof tables) => Object.fromEntries(from.map((t) => [t.table, s[t.table] ?? []]));
    return { tables: pick(content, tables), owners: pick(owners, withOwners), decisionIds: pick(decisionIds, withDecisions) };
  } finally {
    await tx.query('rollback');
    tx.release();
  }
}

/** Reads a quiet run: its analytics tables, its lead events on Kafka and in the store, its dead letters. */
export async function readRunOutcome(databaseUrl: string, kafka: Kafka, codecs: Codecs): Promise<RunOutcome> {
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const { tables, owners, decisionIds } = await readTables(pool);
    const { rows } = await pool.query<{ data: StoredLeadEvent }>('select data from public.events order by global_position');
    const published = [
      ...(await testing.readTopic(kafka, codecs.lifecycle, 120_000)),
      ...(await testing.readTopic(kafka, codecs.sla, 120_000)),
      ...(await testing.readTopic(kafka, codecs.recycled, 120_000)),
    ];
    const deadLetters = (await testing.readTopic(kafka, codecs.deadLetter, 60_000)).length;
    return { tables, owners, decisionIds, published: published.map(leadEvent), stored: rows.map((r) => leadEvent(r.data)), deadLetters };
  } finally {
    await pool.end();
  }
}
