import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';

/** A consumer group, the topics it reads, and the table its offsets are stored in. */
export interface GroupStage {
  groupId: string;
  topics: string[];
  /** `consumer_offsets`, qualified with the service's schema when it has one. */
  offsetsTable: string;
}

/**
 * Waits, stage by stage, until each group has stored offsets up to the end of its topics as they
 * were when the previous stage caught up: so when a pipeline of groups is given in order, what the
 * first produced has been applied by the last.
 */
export async function waitForGroups(pool: Pool, admin: Admin, stages: GroupStage[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const stage of stages) {
    const ends = (await Promise.all(stage.topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map((p) => ({ topic, partition: p.partition, end: BigInt(p.high) }))))).flat();
    for (;;) {
      const { rows } = await pool.query<{ topic: string; partition: number; next_offset: string }>(
        `select topic, partition, next_offset from ${stage.offsetsTable} where group_id = $1`,
        [stage.groupId],
      );
      const stored = new Map(rows.map((r) => [`${r.topic}/${r.partition}`, BigInt(r.next_offset)]));
      const behind = ends.filter((e) => e.end > 0n && (stored.get(`${e.topic}/${e.partition}`) ?? 0n) < e.end);
      if (behind.length === 0) break;
      if (Date.now() > deadline) throw new Error(`${stage.groupId} is still behind on ${behind.map((b) => `${b.topic}/${b.partition}`).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
