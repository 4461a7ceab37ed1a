import type { Pool } from 'pg';
import { ConfigError, connectionsPerConsumer, connectPipeline, createLogger, createPool, describeTruncation, kitMigrations, migrate, readTruncatedPartitions } from '@leadflow/kit';
import type { ProjectionsConfig } from '../config';
import { projectionMigrations } from '../db/migrations';
import { projectedCodecs } from '../kafka/projectedTopics';
import { dropLeftoverRebuilds } from './db/dropLeftoverRebuilds';
import { dropSchema } from './db/dropSchema';
import { withRebuildLock } from './db/withRebuildLock';
import { readLiveSubscription } from './kafka/readLiveSubscription';
import { readPartitionRanges } from './kafka/readPartitionRanges';
import { rebuildNames } from './rebuildNames';
import { RebuildError } from './RebuildError';
import type { RebuildReport } from './RebuildReport';
import type { RebuildOptions, RebuildRun } from './RebuildRun';
import { REPLAY_PARTITIONS_AT_ONCE, startReplay, type Replay } from './startReplay';
import { swapUnderLock } from './swapUnderLock';
import { waitForStoredOffsets, type WaitLimits } from './waitForStoredOffsets';

/** The owner startProjections migrates as (the service's name), so a restarted service finds its migrations done. */
const MIGRATIONS_OWNER = 'projections';
const DEFAULT_STALL_MS = 120_000;

/**
 * Rebuilds the read models from their input topics and swaps them in: replays every partition
 * from the beginning into `<schema>_rebuild_<timestamp>` with the live handler, then, under a lock
 * the live consumer takes in shared mode for each batch, applies what arrived meanwhile and renames
 * the schemas in one transaction. The live consumer's next batch resolves its tables and offsets in
 * the rebuilt schema and continues where the rebuild stopped. Works with or without a running service.
 */
export async function rebuildProjections(config: ProjectionsConfig, options: RebuildOptions = {}): Promise<RebuildReport> {
  const startedAt = performance.now();
  if (config.PROJECTIONS_SCHEMA === 'public') {
    throw new ConfigError('PROJECTIONS_SCHEMA: public is shared with the other services’ tables; a rebuild swaps whole schemas, so the read models need their own');
  }
  const names = rebuildNames(config.PROJECTIONS_SCHEMA, (options.now ?? Date.now)());
  const db = await createPool(config.DATABASE_URL, { max: 3 });
  try {
    return await withRebuildLock(db, names.live, async () => {
      const logger = options.logger ?? createLogger('projections-rebuild', 'warn');
      const { kafka, codecs } = await connectPipeline('leadflow-projections-rebuild', config, logger);
      const admin = kafka.admin();
      await admin.connect();
      const liveGroup = `${config.TOPIC_NAMESPACE}${config.PROJECTIONS_GROUP_ID}`;
      const replayGroup = `${liveGroup}-rebuild-${names.rebuild.slice(names.rebuildPrefix.length)}`;
      const run: RebuildRun = { config, options, names, liveGroup, replayGroup, db, kafka, admin, codecs, topics: projectedCodecs(codecs), logger };
      try {
        return await rebuildWith(run, startedAt);
      } finally {
        await admin.disconnect();
      }
    });
  } finally {
    await db.end();
  }
}

/** Prepares the rebuild schema, replays, swaps; whatever happens, leaves no replay consumer, group or half-built schema. */
async function rebuildWith(run: RebuildRun, startedAt: number): Promise<RebuildReport> {
  const live = await readLiveSubscription(run.admin, run.liveGroup);
  refuseOtherSubscription(run, live.members, live.topics);
  await refuseTruncatedHistory(run);
  const droppedLeftovers = await dropLeftoverRebuilds(run.db, run.names.rebuildPrefix);
  const pool = await createPool(run.config.DATABASE_URL, { schema: run.names.rebuild, max: connectionsPerConsumer(REPLAY_PARTITIONS_AT_ONCE) + 2 });
  const replay: { current?: Replay } = {};
  let swapped = false;
  try {
    await migrate(pool, MIGRATIONS_OWNER, [...kitMigrations, ...projectionMigrations]);
    const report = await replayAndSwap(run, pool, replay, startedAt);
    swapped = true;
    report.droppedLeftovers = droppedLeftovers;
    report.liveMembers = live.members;
    if (report.replaced && !report.oldKept) report.oldKept = !(await dropOld(run, report.replaced));
    report.ms.total = performance.now() - startedAt;
    return report;
  } finally {
    await replay.current?.stop();
    await pool.end();
    if (!swapped) await dropSchema(run.db, run.names.rebuild);
    if (replay.current) await run.admin.deleteGroups([run.replayGroup]).catch((error: unknown) => run.logger.warn({ err: error, groupId: run.replayGroup }, 'replay group not deleted'));
  }
}

async function replayAndSwap(run: RebuildRun, pool: Pool, replay: { current?: Replay }, startedAt: number): Promise<RebuildReport> {
  const { names, options } = run;
  const step = options.onStep ?? (() => undefined);
  const ranges = await readPartitionRanges(run.admin, run.topics.map((t) => t.topicName));
  const current = (replay.current = await startReplay({ ...run, pool, schema: names.rebuild, groupId: run.liveGroup, consumerGroupId: run.replayGroup, acceptOffsetGap: options.allowTruncatedHistory }));
  const joinedAt = performance.now();
  step(`replaying ${run.topics.length} topics into ${names.rebuild}`);
  await waitForStoredOffsets(current.stored, ranges, limitsOf(run, current), options.onProgress);
  const replayedAt = performance.now();
  step(`caught up with the end offsets read at the start; taking the swap lock of ${names.live}`);
  const swap = await swapUnderLock(run, current, ranges, limitsOf(run, current));
  return {
    schema: names.live,
    rebuiltIn: names.rebuild,
    replaced: swap.replaced ? names.old : null,
    oldKept: swap.replaced && options.keepOld === true,
    droppedLeftovers: [],
    liveMembers: 0,
    ...swap.figures,
    refused: current.refused(),
    ms: { setup: joinedAt - startedAt, replay: replayedAt - joinedAt, lockWait: swap.lockWait, heldOff: swap.heldOff, total: 0 },
  };
}

/** Drops the replaced schema; says whether it could (it stays, named in the report, when it could not). */
async function dropOld(run: RebuildRun, old: string): Promise<boolean> {
  try {
    await dropSchema(run.db, old);
    return true;
  } catch (error) {
    run.logger.warn({ err: error, schema: old }, 'replaced schema not dropped');
    return false;
  }
}

/** A running service that reads other topics than this rebuild would replay is another version of it. */
function refuseOtherSubscription(run: RebuildRun, members: number, subscribed: string[]): void {
  const replayed = run.topics.map((t) => t.topicName).sort();
  if (members === 0 || subscribed.join() === replayed.join()) return;
  throw new RebuildError(
    `the running projections service (group ${run.liveGroup}) reads ${subscribed.join(', ')} but this rebuild would replay ` +
      `${replayed.join(', ')}: run the rebuild from the same version as the service`,
  );
}

/** A replay of a log that lost its beginning would swap in read models missing that history. */
async function refuseTruncatedHistory(run: RebuildRun): Promise<void> {
  const truncated = await readTruncatedPartitions(run.admin, run.topics.map((t) => t.topicName));
  if (truncated.length === 0) return;
  if (run.options.allowTruncatedHistory) {
    run.logger.warn({ truncated }, 'rebuilding from a truncated history (--allow-truncated-history)');
    return;
  }
  throw new RebuildError(`nothing rebuilt: ${describeTruncation(truncated)}`);
}

function limitsOf(run: RebuildRun, replay: Replay): WaitLimits {
  return { stallMs: run.options.stallMs ?? DEFAULT_STALL_MS, signal: run.options.signal, failure: replay.failure };
}
