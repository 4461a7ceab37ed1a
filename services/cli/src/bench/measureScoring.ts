import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';
import { groupIdOf, readStoredOffsets, topicNamesOf, waitUntilCaughtUp, type GroupOffsets } from '@leadflow/kit';
import { scoringGroups, startScoring, type ScoringConfig } from '@leadflow/scoring';
import { readEndOffsets, totalOf } from './readEndOffsets';

export interface ScoringRun {
  /** From calling `startScoring` until it reported started (migrations, topics, schemas, group joins). */
  startUpMs: number;
  /** From started until the stitching group's stored offsets reached the input topics' ends. */
  stitchedMs: number;
  /** From started until the fold group's stored offsets reached the ends of activity-by-lead. */
  foldedMs: number;
  /** Input records the stitching group had already applied when the service reported started. */
  stitchedBeforeStart: number;
  /** Records stitching forwarded to activity-by-lead. */
  forwarded: number;
}

/** The topic's end offsets once it holds `expected` records, or when the time is up (then with what it holds). */
async function waitForRecords(admin: Admin, topic: string, expected: number, limits: { timeoutMs: number; signal: AbortSignal }) {
  const until = performance.now() + limits.timeoutMs;
  for (;;) {
    const ends = await readEndOffsets(admin, [topic]);
    if (totalOf(ends) >= expected || performance.now() > until || limits.signal.aborted) return ends;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts scoring in this process and times it until every input event has been folded: first the
 * stitching group catches up with the input topics, then the fold group with what stitching
 * forwarded (whose end is only known once stitching is done). Progress is read where the service
 * commits it, through kit's view of `consumer_offsets`. The service is stopped before this returns or fails.
 */
export async function measureScoring(
  config: ScoringConfig,
  deps: { admin: Admin; pool: Pool; activityTopic: string; expectedForwarded: number },
  limits: { timeoutMs: number; signal: AbortSignal },
): Promise<ScoringRun> {
  const groups = scoringGroups(config);
  const ns = config.TOPIC_NAMESPACE;
  const stitching: GroupOffsets = { groupId: groupIdOf(groups.stitching, ns), topics: topicNamesOf(groups.stitching, ns) };
  const fold: GroupOffsets = { groupId: groupIdOf(groups.scoring, ns), topics: topicNamesOf(groups.scoring, ns) };
  const calledAt = performance.now();
  const service = await startScoring(config);
  const startedAt = performance.now();
  try {
    const stitchedBeforeStart = (await readStoredOffsets(deps.pool, stitching.groupId)).reduce((sum, s) => sum + Number(s.next), 0);
    const wait = () => ({ timeoutMs: Math.max(1, startedAt + limits.timeoutMs - performance.now()), signal: limits.signal });
    await waitUntilCaughtUp(deps.admin, deps.pool, [stitching], wait());
    const stitchedAt = performance.now();
    // what stitching committed reaches the topic once relayed: wait for all of it before taking its end
    const activityEnds = await waitForRecords(deps.admin, deps.activityTopic, deps.expectedForwarded, wait());
    await waitUntilCaughtUp(deps.admin, deps.pool, [fold], wait());
    const foldedAt = performance.now();
    return {
      startUpMs: startedAt - calledAt,
      stitchedMs: stitchedAt - startedAt,
      foldedMs: foldedAt - startedAt,
      stitchedBeforeStart,
      forwarded: totalOf(activityEnds),
    };
  } finally {
    await service.stop();
  }
}
