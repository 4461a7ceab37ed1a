import type { Admin } from 'kafkajs';
import { Pool } from 'pg';
import { topics } from '@leadflow/schemas';

const POLL_MS = 2_000;

/** Row counts a pipeline's work shows in, and every topic's end: while any moves, the run is not quiet. */
async function fingerprint(pool: Pool, admin: Admin, namespace: string): Promise<string> {
  const { rows } = await pool.query<{ counts: unknown }>(
    `select json_build_array(
       (select count(*) from public.scoring_applied_events),
       (select count(*) from public.events),
       (select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) from pg_stat_user_tables where schemaname = 'analytics')) as counts`,
  );
  const ends = await Promise.all(Object.values(topics).map(async (t) => (await admin.fetchTopicOffsets(`${namespace}${t.name}`)).map((p) => p.high).join('/')));
  return JSON.stringify([rows[0]?.counts, ends]);
}

/**
 * Waits until nothing changes for `quietMs` — no event applied, stored or projected, no record
 * published — which outlasts an SLA deadline so timers due have fired. Throws after `timeoutMs`.
 */
export async function waitForQuiescence(databaseUrl: string, admin: Admin, namespace: string, quietMs: number, timeoutMs: number): Promise<number> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const startedAt = Date.now();
  try {
    let last = '';
    let since = Date.now();
    for (;;) {
      const now = await fingerprint(pool, admin, namespace).catch(() => `unreadable ${Date.now()}`);
      if (now !== last) [last, since] = [now, Date.now()];
      else if (Date.now() - since >= quietMs) return (since - startedAt) / 1000;
      if (Date.now() - startedAt > timeoutMs) throw new Error(`not quiet after ${timeoutMs / 1000}s (last change ${((Date.now() - since) / 1000).toFixed(0)}s ago): ${last}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    await pool.end();
  }
}
