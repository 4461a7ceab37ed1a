import type { PoolClient } from 'pg';

/**
 * Locks these visitors' rows (creating the missing ones) for the transaction and returns the lead
 * each became, if any. Locking in id order keeps two batches from deadlocking; the row lock is what
 * keeps an identification and a concurrent activity event of the same visitor from missing each other.
 */
export async function lockVisitors(tx: PoolClient, anonymousIds: string[]): Promise<Map<string, string | null>> {
  if (anonymousIds.length === 0) return new Map();
  const ids = [...new Set(anonymousIds)].sort();
  await tx.query('insert into visitors (anonymous_id) select unnest($1::text[]) on conflict do nothing', [ids]);
  const { rows } = await tx.query<{ anonymous_id: string; lead_id: string | null }>(
    'select anonymous_id, lead_id from visitors where anonymous_id = any($1::text[]) order by anonymous_id for update',
    [ids],
  );
  return new Map(rows.map((r) => [r.anonymous_id, r.lead_id]));
}
