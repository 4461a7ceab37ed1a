import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';
import { groupIdOf, readStoredOffsets, topicNamesOf, waitUntilCaughtUp, type GroupOffsets } from '@leadflow/kit';
import { scoringGroups, startScoring, type ScoringConfig } from '@leadflow/scoring';
import { readEndOffsets, totalOf } from './readEndOffsets';

export interface ScoringRun {
  /** From starting scoring until it reported started (migrations, topics, schemas, group joins; for processes, until ready). */
  startUpMs: number;
  /** From started until the stitching group's stored offsets reached the input topics' ends. */
  stitchedMs: number;
  /** From started until every input event was applied by the fold and its group's stored offsets reached the ends of its topics. */
  foldedMs: number;
  /** Input records the stitching group had already applied when the service reported started. */
  stitchedBeforeStart: number;
  /** Offsets stitching's writes took on activity-by-lead (records and transaction markers). */
  forwarded: number;
  /** Events the fold applied (distinct event ids claimed). */
  applied: number;
}

/** Polls until the fold has applied `expected` distinct events, or the time is up; returns how many it has. */
async function waitUntilApplied(pool: Pool, expected: number, limits: { timeoutMs: number; signal: AbortSignal }): Promise<number> {
  const until = performance.now() + limits.timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from scoring_applied_events');
    const applied = rows[0]?.n ?? 0;
    if (applied >= expected || performance.now() > until || limits.signal.aborted) return applied;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Scoring started one way or another (in this process, or as processes of its own), and how to stop it. */
export type ScoringStarter = () => Promise<{ stop(): Promise<void> }>;

/**
 * Starts scoring (in this process unless `start` says otherwise) and times it until every input event has been folded: the
 * stitching group catches up with the input topics; the fold, reading the events that name their
 * lead from the same topics and the rest as stitching forwards them, is done once it has applied
 * every event (each counted once, by id) and its group's offsets reached its topics' ends. Progress
 * is read where the service commits it. The service is stopped before this returns or fails.
 */
export async function measureScoring(
  config: ScoringConfig,
  deps: { admin: Admin; pool: Pool; activityTopic: string; events: number },
  limits: { timeoutMs: number; signal: AbortSignal },
  start: ScoringStarter = () => startScoring(config),
): Promise<ScoringRun> {
  const groups = scoringGroups(config);
  const ns = config.TOPIC_NAMESPACE;
  const stitching: GroupOffsets = { groupId: groupIdOf(groups.stitching, ns), topics: topicNamesOf(groups.stitching, ns) };
  const fold: GroupOffsets = { groupId: groupIdOf(groups.scoring, ns), topics: topicNamesOf(groups.scoring, ns) };
  const calledAt = performance.now();
  const service = await start();
  const startedAt = performance.now();
  try {
    const stitchedBeforeStart = (await readStoredOffsets(deps.pool, stitching.groupId)).reduce((sum, s) => sum + Number(s.next), 0);
    const wait = () => ({ timeoutMs: Math.max(1, startedAt + limits.timeoutMs - performance.now()), signal: limits.signal });
    await waitUntilCaughtUp(deps.admin, deps.pool, [stitching], wait());
    const stitchedAt = performance.now();
    const applied = await waitUntilApplied(deps.pool, deps.events, wait());
    await waitUntilCaughtUp(deps.admin, deps.pool, [fold], wait());
    const foldedAt = performance.now();
    return {
      startUpMs: startedAt - calledAt,
      stitchedMs: stitchedAt - startedAt,
      foldedMs: foldedAt - startedAt,
      stitchedBeforeStart,
      forwarded: totalOf(await readEndOffsets(deps.admin, [deps.activityTopic])),
      applied,
    };
  } finally {
    await service.stop();
  }
}
