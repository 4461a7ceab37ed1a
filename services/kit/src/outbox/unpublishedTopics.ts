import type { Pool, PoolClient } from 'pg';

/**
 * Those of `topics` for which committed records wait in the outbox of this database (any relay's):
 * what a consumer downstream has not seen yet although it was committed, so a partition of them it
 * has drained is not yet all there is.
 */
export async function unpublishedTopics(db: Pool | PoolClient, topics: string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ topic: string }>(
    'select t.topic from unnest($1::text[]) as t(topic) where exists (select 1 from public.outbox o where o.topic = t.topic)',
    [topics],
  );
  return new Set(rows.map((r) => r.topic));
}
