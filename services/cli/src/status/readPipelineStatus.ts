import type { Admin, Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { countRecords, groupIdOf, readGroupLag, topicNamesOf, type ConsumerGroupRef, type PartitionLag } from '@leadflow/kit';

export interface PartitionStatus extends PartitionLag {
  /** The offset Kafka holds for the group (-1 when none): Postgres' stored offset is the one that counts. */
  kafkaCommitted: bigint;
}

export interface GroupStatus {
  groupId: string;
  partitions: PartitionStatus[];
}

export interface PipelineStatus {
  groups: GroupStatus[];
  deadLetters: number;
  pendingTimers: number | null;
  overdueTimers: number | null;
  parkedOutcomes: number | null;
  /** When a lead's score last changed (epoch ms), null when nothing was scored. */
  lastScoredAt: number | null;
}

/** A number from a table that may not exist yet (the service never ran): null then. */
async function countIn(pool: Pool, table: string, sql: string, params: unknown[] = []): Promise<number | null> {
  const { rows } = await pool.query<{ found: boolean }>('select to_regclass($1) is not null as found', [table]);
  if (!rows[0]?.found) return null;
  const result = await pool.query<{ n: string | null }>(sql, params);
  return result.rows[0]?.n === null || result.rows[0]?.n === undefined ? null : Number(result.rows[0].n);
}

/** Where every consumer group of the pipeline stands, and the state operators watch beside it. */
export async function readPipelineStatus({ kafka, admin, pool }: { kafka: Kafka; admin: Admin; pool: Pool }, groups: ConsumerGroupRef[], namespace: string, deadLetterTopic: string, now: number): Promise<PipelineStatus> {
  const statuses: GroupStatus[] = [];
  for (const ref of groups) {
    const groupId = groupIdOf(ref, namespace);
    const topics = topicNamesOf(ref, namespace);
    const lags = await readGroupLag(admin, pool, { groupId, topics, schema: ref.schema });
    const committed = await admin.fetchOffsets({ groupId, topics });
    const kafkaAt = new Map(committed.flatMap((t) => t.partitions.map((p) => [`${t.topic}/${p.partition}`, BigInt(p.offset)] as const)));
    statuses.push({ groupId, partitions: lags.map((p) => ({ ...p, kafkaCommitted: kafkaAt.get(`${p.topic}/${p.partition}`) ?? -1n })) });
  }
  return {
    groups: statuses,
    // counted by reading: dead letters are relayed in Kafka transactions, whose markers take offsets
    deadLetters: await countRecords(kafka, deadLetterTopic),
    pendingTimers: await countIn(pool, 'lead_timers', 'select count(*) as n from lead_timers'),
    overdueTimers: await countIn(pool, 'lead_timers', 'select count(*) as n from lead_timers where due_at < $1', [now - 60_000]),
    parkedOutcomes: await countIn(pool, 'parked_outcomes', 'select count(*) as n from parked_outcomes'),
    lastScoredAt: await countIn(pool, 'lead_score_state', 'select (extract(epoch from max(updated_at)) * 1000)::bigint as n from lead_score_state'),
  };
}
