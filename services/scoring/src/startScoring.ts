import { defineConsumer, loadDataFile, MasterKeys, startConsumerService, type RunningService } from '@leadflow/kit';
import { scoringGroups } from './consumerGroups';
import type { ScoringConfig } from './config';
import { scoringMigrations } from './db/migrations';
import { parseScoringModel, type ScoringModel } from './domain';
import { competitorRevealer } from './kafka/revealCompetitors';
import { scoreBatch } from './kafka/scoreBatch';
import { startRegradeTicker } from './regrading/startRegradeTicker';
import { startRetentionTicker, type ScoringRetention } from './retention';
import { heldActivityBound } from './stitching/heldActivityBound';
import { stitchBatch } from './stitching/stitchBatch';

export const loadScoringModel = (path: string): ScoringModel =>
  loadDataFile('scoring model', path, (input) => {
    const parsed = parseScoringModel(input);
    return parsed.ok ? { ok: true, value: parsed.model } : parsed;
  });

/**
 * The composition root of scoring: identity stitching (activity re-keyed by lead), the fold of each
 * lead's activity into scores, and the ticker that re-grades leads when decay crosses a boundary.
 */
export async function startScoring(config: ScoringConfig): Promise<RunningService> {
  const model = loadScoringModel(config.SCORING_MODEL_FILE);
  const masters = MasterKeys.fromEnvironment(config);
  const groups = scoringGroups(config);
  const retention = scoringRetentionOf(config, model);
  return startConsumerService(config, {
    name: 'scoring',
    migrations: scoringMigrations,
    consumers: [
      defineConsumer({ ...groups.stitching, handle: ({ outbox, codecs }) => stitchBatch({ outbox, codecs, bound: retention.heldActivity }) }),
      defineConsumer({ ...groups.scoring, handle: ({ outbox, codecs, pool }) => scoreBatch({ model, outbox, codecs, revealCompetitors: competitorRevealer(pool, masters) }) }),
    ],
    workers: ({ pool, outbox, codecs, logger, metrics }) => [
      startRegradeTicker({ pool, model, outbox, codecs, batchSize: config.SCORING_REGRADE_BATCH }, logger, config.SCORING_REGRADE_INTERVAL_MS),
      startRetentionTicker({ pool, retention, metrics }, logger, config.SCORING_RETENTION_INTERVAL_MS),
    ],
  });
}

/** The bounds of scoring's internal tables: the model's horizon plus the configured grace and margin. */
export const scoringRetentionOf = (config: ScoringConfig, model: ScoringModel): ScoringRetention => ({
  appliedIds: { horizonDays: model.maxEventAgeDays, marginDays: config.SCORING_DEDUP_MARGIN_DAYS },
  heldActivity: heldActivityBound(model.maxEventAgeDays, config.SCORING_HELD_GRACE_DAYS),
  chunk: config.SCORING_RETENTION_CHUNK,
});
