import type { PoolClient } from 'pg';

/** The lead each of these visitor ids was identified as, where known. */
export async function loadAliases(tx: PoolClient, anonymousIds: string[]): Promise<Map<string, string>> {
  if (anonymousIds.length === 0) return new Map();
  const { rows } = await tx.query<{ anonymous_id: string; lead_id: string }>(
    'select anonymous_id, lead_id from subject_aliases where anonymous_id = any($1::text[])',
    [anonymousIds],
  );
  return new Map(rows.map((r) => [r.anonymous_id, r.lead_id]));
}
