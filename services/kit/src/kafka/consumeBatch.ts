import type { Admin, Batch, Consumer, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { backoffDelay } from '../faults/backoffDelay';
import { classifyFault, transientKindOf } from '../faults/classifyFault';
import { applyRecords, type ApplyOptions, type ApplyOutcome, type ApplyTarget } from './applyRecords';
import type { BatchGate } from './BatchGate';
import type { ConsumerHealth } from './ConsumerHealth';
import type { ConsumerMetrics } from './ConsumerMetrics';
import type { ConsumerPolicy } from './ConsumerPolicy';

/** What a batch runs with: the group, its policy, and kafkajs' controls over the batch. */
export interface BatchContext {
  target: ApplyTarget;
  policy: ConsumerPolicy;
  health: ConsumerHealth;
  metrics: ConsumerMetrics;
  logger: Logger;
  consumer: Consumer;
  admin: Admin;
  /** Partitions sought back to their stored offset, and to which: a second batch starting past it means the offsets between hold no record. */
  soughtTo: Map<string, bigint>;
  /** Gathers small batches of the consumer's partitions into one transaction. */
  gate?: BatchGate;
  heartbeat(): Promise<void>;
  isRunning(): boolean;
  isStale(): boolean;
  resolveOffset(offset: string): void;
}

/**
 * Batches of fewer records are gathered with the others of the same fetch (`BatchGate`); larger
 * ones are applied alone, so that the transactions of several partitions overlap their waits.
 */
export const GATHER_BELOW = 200;

type Attempt = { ok: true; outcome: ApplyOutcome } | { ok: false; error: Error } | { stopped: true };

/**
 * Applies one fetched batch under the fault policy:
 * - transient faults are retried with capped, jittered backoff for as long as they last;
 * - records the codec or the handler refuse are dead-lettered by `applyRecords` and the batch goes on;
 * - a handler that throws gets the batch record by record: the records before the failing one are
 *   applied, the failing one is tried alone `bugAttempts` times and then its partition halts (paused,
 *   readiness 503, the metric): a bug never turns good records into dead letters.
 * Kafka's position ahead of the stored offset is sought back to it; records deleted before they
 * were applied halt the partition unless the policy accepts the gap. A small batch is first
 * offered to the consumer's gate, which applies it together with the other partitions' (`BatchGate`).
 */
export async function consumeBatch(ctx: BatchContext, batch: Batch): Promise<void> {
  const { topic, partition } = batch;
  const started = process.hrtime.bigint();
  const options = { ...startOptions(ctx, topic, partition, batch.messages), from: batch.firstOffset() ?? undefined, through: batch.lastOffset() };
  const gathered = ctx.gate && batch.messages.length < GATHER_BELOW ? await ctx.gate.gather({ target: ctx.target, topic, partition, messages: batch.messages, options }) : undefined;
  if (gathered) {
    ctx.health.recovered();
    await settle(ctx, batch, batch.messages, gathered);
  } else {
    const alone = async () => {
      const whole = await withRetries(ctx, () => applyRecords(ctx.target, topic, partition, batch.messages, options));
      if ('stopped' in whole) return;
      if (whole.ok) await settle(ctx, batch, batch.messages, whole.outcome);
      else await oneByOne(ctx, batch, whole.error);
    };
    await (ctx.gate ? ctx.gate.alone(alone) : alone());
  }
  ctx.metrics.batchDuration.observe({ service: ctx.metrics.service, group: ctx.target.groupId, topic }, Number(process.hrtime.bigint() - started) / 1e9);
  ctx.metrics.lag.set({ service: ctx.metrics.service, group: ctx.target.groupId, topic, partition: String(partition) }, Number(batch.offsetLag()));
}

function startOptions(ctx: BatchContext, topic: string, partition: number, messages: KafkaMessage[]): ApplyOptions {
  const sought = ctx.soughtTo.get(`${topic}/${partition}`);
  return { acceptStart: sought !== undefined && messages[0] !== undefined && BigInt(messages[0].offset) >= sought };
}

async function settle(ctx: BatchContext, batch: Batch, messages: KafkaMessage[], outcome: ApplyOutcome): Promise<boolean> {
  const { topic, partition } = batch;
  const last = messages[messages.length - 1];
  if (outcome.kind === 'behind') {
    await seekBack(ctx, batch, outcome.stored);
    return false;
  }
  ctx.soughtTo.delete(`${topic}/${partition}`);
  const labels = { service: ctx.metrics.service, group: ctx.target.groupId, topic };
  ctx.metrics.records.inc({ ...labels, outcome: 'applied' }, outcome.applied);
  ctx.metrics.records.inc({ ...labels, outcome: 'dead_lettered' }, outcome.deadLettered);
  if (last) ctx.resolveOffset(last.offset);
  return true;
}

/** Kafka's position is past the stored offset: go back to it, unless the log no longer holds those records. */
async function seekBack(ctx: BatchContext, batch: Batch, stored: bigint): Promise<void> {
  const { topic, partition } = batch;
  const logStart = BigInt((await ctx.admin.fetchTopicOffsets(topic)).find((p) => p.partition === partition)?.low ?? '0');
  const first = batch.messages[0]?.offset ?? '?';
  if (logStart > stored && !ctx.policy.acceptOffsetGap) {
    const reason = `records ${stored}..${logStart - 1n} were deleted from the log before they were applied (set CONSUMER_ACCEPT_OFFSET_GAP=true to accept the loss)`;
    halt(ctx, topic, partition, stored.toString(), reason);
    return;
  }
  const to = logStart > stored ? logStart : stored;
  ctx.logger.warn({ topic, partition, stored: stored.toString(), kafkaAt: first, seekTo: to.toString() }, 'Kafka is ahead of the stored offset; seeking back to it');
  ctx.soughtTo.set(`${topic}/${partition}`, to);
  ctx.consumer.seek({ topic, partition, offset: to.toString() });
}

/** The batch failed in the handler: apply it record by record until the one that fails alone. */
async function oneByOne(ctx: BatchContext, batch: Batch, batchError: Error): Promise<void> {
  const { topic, partition } = batch;
  ctx.logger.warn({ topic, partition, err: batchError, records: batch.messages.length }, 'batch failed in the handler; applying record by record');
  for (const message of batch.messages) {
    let error: Error | undefined;
    for (let attempt = 0; attempt < Math.max(1, ctx.policy.bugAttempts); attempt++) {
      const single = await withRetries(ctx, () => applyRecords(ctx.target, topic, partition, [message], startOptions(ctx, topic, partition, [message])));
      if ('stopped' in single) return;
      if (single.ok) {
        if (!(await settle(ctx, batch, [message], single.outcome))) return;
        error = undefined;
        break;
      }
      error = single.error;
      if (classifyFault(error) === 'bad-data') break;
      await sleep(backoffDelay(attempt, ctx.policy.backoff, Math.random()));
    }
    if (!error) continue;
    if (classifyFault(error) === 'bad-data') {
      // thrown instead of returned, but a refusal all the same: dead-letter this record alone
      const refused = await withRetries(ctx, () => applyRecords(ctx.target, topic, partition, [message], { acceptStart: true, refuseWith: error }));
      if ('stopped' in refused || !refused.ok || !(await settle(ctx, batch, [message], refused.outcome))) return;
      continue;
    }
    halt(ctx, topic, partition, message.offset, `${error.name}: ${error.message}`, error);
    return;
  }
}

function halt(ctx: BatchContext, topic: string, partition: number, offset: string, reason: string, error?: Error): void {
  ctx.consumer.pause([{ topic, partitions: [partition] }]);
  ctx.health.halt({ topic, partition, offset, reason });
  ctx.metrics.haltedPartitions.set({ service: ctx.metrics.service, group: ctx.target.groupId }, ctx.health.haltedPartitions().length);
  ctx.logger.error({ topic, partition, offset, reason, err: error }, 'partition halted; the other partitions go on. Fix the cause and restart the service');
}

/** Runs `apply` until it succeeds or fails for a reason that is not transient; stops waiting when the consumer stops or loses the partition. */
async function withRetries(ctx: BatchContext, apply: () => Promise<ApplyOutcome>): Promise<Attempt> {
  for (let attempt = 0; ; attempt++) {
    try {
      const outcome = await apply();
      ctx.health.recovered();
      return { ok: true, outcome };
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      if (classifyFault(error) !== 'transient') return { ok: false, error };
      ctx.health.transient(error, Date.now());
      ctx.metrics.transientFailures.inc({ service: ctx.metrics.service, group: ctx.target.groupId, kind: transientKindOf(error) });
      ctx.logger.warn({ err: error, attempt }, 'transient failure; retrying the batch');
      await sleep(backoffDelay(attempt, ctx.policy.backoff, Math.random()));
      if (!ctx.isRunning() || ctx.isStale()) return { stopped: true };
      await ctx.heartbeat().catch((beat: { type?: string }) => {
        // a rebalance ends this batch (kafkajs rejoins); a broker that is away is waited out here
        if (beat.type === 'REBALANCE_IN_PROGRESS' || beat.type === 'ILLEGAL_GENERATION' || beat.type === 'UNKNOWN_MEMBER_ID') throw beat;
      });
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
