import type { PoolClient } from 'pg';

export interface PartitionRef {
  topic: string;
  partition: number;
}

const keyOf = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * The next offset to apply for each partition, locked for this transaction, in one statement. A
 * partition seen for the first time gets its row (at 0) as it is locked, so even the first batch of
 * a partition is serialised between two owners during a rebalance: the second waits and then sees
 * what the first stored. Rows are locked in (topic, partition) order, so transactions locking
 * several partitions never wait for each other in a cycle.
 */
export async function lockStoredOffsets(tx: PoolClient, groupId: string, partitions: PartitionRef[]): Promise<(topic: string, partition: number) => bigint> {
  const sorted = [...partitions].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  const { rows } = await tx.query<{ topic: string; partition: number; next_offset: string }>(
    `insert into consumer_offsets (group_id, topic, partition, next_offset)
     select $1, t, p, 0 from unnest($2::text[], $3::int[]) with ordinality as u(t, p, n) order by n
     on conflict (group_id, topic, partition) do update set next_offset = consumer_offsets.next_offset
     returning topic, partition, next_offset`,
    [groupId, sorted.map((p) => p.topic), sorted.map((p) => p.partition)],
  );
  const stored = new Map(rows.map((r) => [keyOf(r.topic, r.partition), BigInt(r.next_offset)]));
  return (topic, partition) => {
    const next = stored.get(keyOf(topic, partition));
    if (next === undefined) throw new TypeError(`partition ${topic}/${partition} was not locked`);
    return next;
  };
}

/** `lockStoredOffsets` for one partition. */
export async function lockStoredOffset(tx: PoolClient, groupId: string, topic: string, partition: number): Promise<bigint> {
  return (await lockStoredOffsets(tx, groupId, [{ topic, partition }]))(topic, partition);
}
