import type { Pool, PoolClient } from 'pg';
import type { RefusedRecord } from '@leadflow/kit';
import type { LeadOutcome } from '../domain';

/** A CRM outcome that arrived before the lead could take it, with where it came from. */
export interface ParkedOutcome {
  outcome: LeadOutcome;
  origin: RefusedRecord['record'];
}

/** The parked outcomes of these leads (or of all leads, up to `limit`), oldest first. */
export async function loadParkedOutcomes(tx: PoolClient, leadIds: string[] | 'all', limit = 1000): Promise<ParkedOutcome[]> {
  const { rows } = await tx.query<{ outcome: LeadOutcome; origin: SerializedOrigin }>(
    leadIds === 'all'
      ? 'select outcome, origin from parked_outcomes order by occurred_at limit $1 for update skip locked'
      : 'select outcome, origin from parked_outcomes where lead_id = any($1::text[]) order by occurred_at for update',
    [leadIds === 'all' ? limit : leadIds],
  );
  return rows.map((r) => ({ outcome: r.outcome, origin: deserialize(r.origin) }));
}

/** Parks outcomes and removes the ones released, in two statements. */
export async function saveParkedOutcomes(tx: PoolClient, parked: ParkedOutcome[], released: string[]): Promise<void> {
  if (released.length > 0) await tx.query('delete from parked_outcomes where event_id = any($1::uuid[])', [released]);
  if (parked.length === 0) return;
  await tx.query(
    `insert into parked_outcomes (event_id, lead_id, occurred_at, outcome, origin)
     select * from unnest($1::uuid[], $2::text[], $3::bigint[], $4::jsonb[], $5::jsonb[]) on conflict do nothing`,
    [
      parked.map((p) => p.outcome.eventId),
      parked.map((p) => p.outcome.leadId),
      parked.map((p) => p.outcome.occurredAt),
      parked.map((p) => JSON.stringify(p.outcome)),
      parked.map((p) => JSON.stringify(serialize(p.origin))),
    ],
  );
}

type SerializedOrigin = Omit<ParkedOutcome['origin'], 'key' | 'raw'> & { key: string | null; raw: string | null };

const serialize = (origin: ParkedOutcome['origin']): SerializedOrigin => ({
  ...origin,
  key: origin.key?.toString('base64') ?? null,
  raw: origin.raw?.toString('base64') ?? null,
});

const deserialize = (origin: SerializedOrigin): ParkedOutcome['origin'] => ({
  ...origin,
  key: origin.key === null ? null : Buffer.from(origin.key, 'base64'),
  raw: origin.raw === null ? null : Buffer.from(origin.raw, 'base64'),
});

/** Whether any outcome is parked. */
export async function hasParkedOutcomes(db: Pool | PoolClient): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from parked_outcomes limit 1');
  return (rowCount ?? 0) > 0;
}
