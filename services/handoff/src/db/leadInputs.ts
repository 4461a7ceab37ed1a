import type { Pool, PoolClient } from 'pg';
import type { RefusedRecord } from '@leadflow/kit';
import { inputIdOf, type LeadInput } from '../domain';

/** An input of a lead as kept, with the record an outcome came from (to dead-letter it if refused for good). */
export interface StoredInput {
  input: LeadInput;
  origin?: RefusedRecord['record'] | undefined;
  /** An outcome already refused for good (dead-lettered), kept in case the lead can still take it. */
  refused?: boolean;
}

type SerializedOrigin = Omit<RefusedRecord['record'], 'key' | 'raw'> & { key: string | null; raw: string | null };

const serialize = (origin: RefusedRecord['record']): SerializedOrigin => ({
  ...origin,
  key: origin.key?.toString('base64') ?? null,
  raw: origin.raw?.toString('base64') ?? null,
});

const deserialize = (origin: SerializedOrigin): RefusedRecord['record'] => ({
  ...origin,
  key: origin.key === null ? null : Buffer.from(origin.key, 'base64'),
  raw: origin.raw === null ? null : Buffer.from(origin.raw, 'base64'),
});

/**
 * The kept inputs of these leads, by lead. The caller holds the leads' advisory locks (`lockLeads`),
 * which every transaction deciding a lead takes first, and only those write a lead's inputs; so the
 * rows need no row locks of their own (locking each row wrote every one of them again on every
 * batch). Readers outside a decision (`leadsWithHeldOutcomes`, an export) take no lock and change nothing.
 */
export async function loadLeadInputs(tx: PoolClient, leadIds: string[]): Promise<Map<string, StoredInput[]>> {
  const { rows } = await tx.query<{ lead_id: string; input: LeadInput; origin: SerializedOrigin | null; refused: boolean }>(
    'select lead_id, input, origin, refused from lead_inputs where lead_id = any($1::text[]) order by occurred_at, event_id',
    [leadIds],
  );
  const byLead = new Map<string, StoredInput[]>(leadIds.map((id) => [id, []]));
  for (const r of rows) byLead.get(r.lead_id)?.push({ input: r.input, origin: r.origin === null ? undefined : deserialize(r.origin), refused: r.refused });
  return byLead;
}

export interface InputChanges {
  leadIds: string[];
  added: (StoredInput & { leadId: string })[];
  removed: string[];
  /** Outcomes the leads cannot take (yet); the rest of the leads' inputs are not held. */
  held: string[];
  /** Held outcomes refused for good now (dead-lettered): kept, and not refused again. */
  refused: string[];
}

/** Stores what a decision changed in the leads' inputs: new ones, dropped ones, and which outcomes are held. */
export async function saveLeadInputs(tx: PoolClient, changes: InputChanges): Promise<void> {
  if (changes.removed.length > 0) await tx.query('delete from lead_inputs where event_id = any($1::uuid[])', [changes.removed]);
  const { added } = changes;
  if (added.length > 0) {
    await tx.query(
      `insert into lead_inputs (event_id, lead_id, kind, occurred_at, input, origin)
       select * from unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::jsonb[], $6::jsonb[]) on conflict do nothing`,
      [
        added.map((a) => inputIdOf(a.input)),
        added.map((a) => a.leadId),
        added.map((a) => a.input.kind),
        added.map((a) => a.input.at),
        added.map((a) => JSON.stringify(a.input)),
        added.map((a) => (a.origin ? JSON.stringify(serialize(a.origin)) : null)),
      ],
    );
  }
  // only the rows whose flag changes: an update writes a new version of each row it touches
  await tx.query(
    'update lead_inputs set held = (event_id = any($2::uuid[])) where lead_id = any($1::text[]) and held <> (event_id = any($2::uuid[]))',
    [changes.leadIds, changes.held],
  );
  if (changes.refused.length > 0) await tx.query('update lead_inputs set refused = true where event_id = any($1::uuid[])', [changes.refused]);
}

/**
 * Leads with outcomes they could not take, each with the latest event time of those, earliest first,
 * up to `limit`. Read without locks: the decider takes the leads' locks first and reads their inputs
 * again under them.
 */
export async function leadsWithHeldOutcomes(db: Pool | PoolClient, limit: number): Promise<{ leadId: string; latestAt: number }[]> {
  const { rows } = await db.query<{ lead_id: string; latest_at: string }>(
    'select lead_id, max(occurred_at) as latest_at from lead_inputs where held and not refused group by lead_id order by latest_at, lead_id limit $1',
    [limit],
  );
  return rows.map((r) => ({ leadId: r.lead_id, latestAt: Number(r.latest_at) }));
}

/** Whether any lead holds an outcome it could not take. */
export async function hasHeldOutcomes(db: Pool | PoolClient): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from lead_inputs where held and not refused limit 1');
  return (rowCount ?? 0) > 0;
}
