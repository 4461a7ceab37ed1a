import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';

/**
 * Whether the group has applied everything on its input topics. Timers fire by the wall clock only
 * when it has: while a backlog or a replay is being consumed, a lead's own later events decide
 * first (in event time), so the same history always gives the same transitions.
 */
export async function isCaughtUp(admin: Admin, pool: Pool, groupId: string, topics: string[]): Promise<boolean> {
  const { rows } = await pool.query<{ topic: string; partition: number; next_offset: string }>(
    'select topic, partition, next_offset from consumer_offsets where group_id = $1',
    [groupId],
  );
  const stored = new Map(rows.map((r) => [`${r.topic}/${r.partition}`, BigInt(r.next_offset)]));
  for (const topic of topics) {
    for (const { partition, high } of await admin.fetchTopicOffsets(topic)) {
      if ((stored.get(`${topic}/${partition}`) ?? 0n) < BigInt(high)) return false;
    }
  }
  return true;
}
