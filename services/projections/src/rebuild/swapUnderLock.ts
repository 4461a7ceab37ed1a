import type { PoolClient } from 'pg';
import { readStoredOffsets } from '@leadflow/kit';
import { countRowsPerTable } from './db/countRowsPerTable';
import { swapSchemas } from './db/swapSchemas';
import { readPartitionRanges } from './kafka/readPartitionRanges';
import { recordsCovered, recordsIn, type PartitionRange, type StoredOffset } from './PartitionRange';
import type { RebuildRun } from './RebuildRun';
import type { RebuildReport, TableRows, TopicReplayed } from './RebuildReport';
import { lockSchemaSwap } from './schemaSwapLock';
import type { Replay } from './startReplay';
import { waitForStoredOffsets, type WaitLimits } from './waitForStoredOffsets';

/** The live consumer waits while the lock is held, so the catch-up gives up sooner than the replay. */
const HELD_STALL_MS = 30_000;

export interface SwapOutcome {
  /** Whether there was a live schema, now renamed to `names.old`. */
  replaced: boolean;
  lockWait: number;
  heldOff: number;
  figures: Pick<RebuildReport, 'recordsAtStart' | 'topics' | 'records' | 'liveAppliedAtSwap' | 'rows'>;
}

/**
 * The catch-up and the swap, in one transaction holding the swap lock: no live batch is in flight
 * and none starts, so the end offsets read now bound everything the live consumer has applied. The
 * replay applies up to them and stops, and the schemas are renamed; the commit releases the lock.
 */
export async function swapUnderLock(run: RebuildRun, replay: Replay, startRanges: PartitionRange[], limits: WaitLimits): Promise<SwapOutcome> {
  const { names } = run;
  const tx = await run.db.connect();
  try {
    await tx.query('begin');
    await tx.query(`set local lock_timeout = '60s'`);
    const askedAt = performance.now();
    await lockSchemaSwap(tx, names.live);
    const lockedAt = performance.now();
    const ends = keepLows(startRanges, await readPartitionRanges(run.admin, run.topics.map((t) => t.topicName)));
    await waitForStoredOffsets(replay.stored, ends, { ...limits, stallMs: Math.min(limits.stallMs, HELD_STALL_MS) });
    await replay.stop();
    const stored = await readStoredOffsets(tx, run.liveGroup, names.rebuild);
    const liveStored = await readStoredOffsets(tx, run.liveGroup, names.live);
    const rows = tableRows(await countRowsPerTable(tx, names.live), await countRowsPerTable(tx, names.rebuild));
    const replaced = await swapSchemas(tx, names);
    await tx.query('commit');
    const topics = replayedPerTopic(ends, stored);
    return {
      replaced,
      lockWait: lockedAt - askedAt,
      heldOff: performance.now() - lockedAt,
      figures: {
        recordsAtStart: recordsIn(startRanges),
        topics,
        records: topics.reduce((sum, t) => sum + t.records, 0),
        liveAppliedAtSwap: replaced ? recordsCovered(ends, liveStored) : null,
        rows,
      },
    };
  } catch (error) {
    await rollback(tx);
    throw error;
  } finally {
    tx.release();
  }
}

const rollback = (tx: PoolClient) => tx.query('rollback').catch(() => undefined);

/** The ranges now, counted from where the replay started (the first kept offsets then). */
function keepLows(start: PartitionRange[], now: PartitionRange[]): PartitionRange[] {
  return now.map((r) => ({ ...r, low: start.find((s) => s.topic === r.topic && s.partition === r.partition)?.low ?? r.low }));
}

function replayedPerTopic(ranges: PartitionRange[], stored: StoredOffset[]): TopicReplayed[] {
  const byTopic = new Map<string, TopicReplayed>();
  for (const range of ranges) {
    const found = stored.find((s) => s.topic === range.topic && s.partition === range.partition);
    const next = found ? Number(found.next) : range.low;
    const topic = byTopic.get(range.topic) ?? { topic: range.topic, partitions: 0, records: 0 };
    byTopic.set(range.topic, { ...topic, partitions: topic.partitions + 1, records: topic.records + Math.max(0, next - range.low) });
  }
  return [...byTopic.values()];
}

function tableRows(before: Map<string, number>, after: Map<string, number>): TableRows[] {
  const tables = [...new Set([...before.keys(), ...after.keys()])].sort();
  return tables.map((table) => ({ table, before: before.get(table) ?? null, after: after.get(table) ?? null }));
}
