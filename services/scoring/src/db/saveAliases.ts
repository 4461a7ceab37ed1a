import type { PoolClient } from 'pg';

/** Records visitor → lead aliases; the first identification of a visitor wins. */
export async function saveAliases(tx: PoolClient, aliases: { anonymousId: string; leadId: string; at: number }[]): Promise<void> {
  if (aliases.length === 0) return;
  await tx.query(
    `insert into subject_aliases (anonymous_id, lead_id, identified_at)
     select * from unnest($1::text[], $2::text[], $3::bigint[])
     on conflict (anonymous_id) do nothing`,
    [aliases.map((a) => a.anonymousId), aliases.map((a) => a.leadId), aliases.map((a) => a.at)],
  );
}
