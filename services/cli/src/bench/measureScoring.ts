import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';
import { startScoring, type ScoringConfig } from '@leadflow/scoring';
import { readEndOffsets, totalOf, type PartitionOffset } from './readEndOffsets';
import { readStoredOffsets } from './readStoredOffsets';
import { waitForStoredOffsets } from './waitForStoredOffsets';

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

/**
 * Starts scoring in this process and times it until every input event has been folded: first the
 * stitching group catches up with the input topics, then the fold group with what stitching
 * forwarded (whose end is only known once stitching is done). Progress is read where the service
 * commits it, in `consumer_offsets`. The service is stopped before this returns or fails.
 */
export async function measureScoring(
  config: ScoringConfig,
  deps: { admin: Admin; pool: Pool; activityTopic: string; inputEnds: PartitionOffset[] },
  limits: { timeoutMs: number; signal: AbortSignal },
): Promise<ScoringRun> {
  // the group ids startScoring gives its two consumers
  const stitchingGroup = `${config.TOPIC_NAMESPACE}${config.SCORING_GROUP_ID}-stitching`;
  const foldGroup = `${config.TOPIC_NAMESPACE}${config.SCORING_GROUP_ID}`;
  const calledAt = performance.now();
  const service = await startScoring(config);
  const startedAt = performance.now();
  try {
    const stitchedBeforeStart = totalOf(await readStoredOffsets(deps.pool, stitchingGroup));
    const wait = { deadline: startedAt + limits.timeoutMs, signal: limits.signal };
    const stitchedAt = await waitForStoredOffsets(deps.pool, stitchingGroup, deps.inputEnds, wait);
    const activityEnds = await readEndOffsets(deps.admin, [deps.activityTopic]);
    const foldedAt = await waitForStoredOffsets(deps.pool, foldGroup, activityEnds, wait);
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
