import type { PoolClient } from 'pg';

/**
 * Locks the scoring state against the scoring service's writes until the transaction ends, and
 * returns the latest stream time of any lead in it (undefined when it holds no lead).
 */
export async function lockLeadScoreState(tx: PoolClient): Promise<number | undefined> {
  await tx.query('lock table lead_score_state in exclusive mode');
  const { rows } = await tx.query<{ latest: string | null }>('select max(stream_time) as latest from lead_score_state');
  const latest = rows[0]?.latest;
  return latest === null || latest === undefined ? undefined : Number(latest);
}
