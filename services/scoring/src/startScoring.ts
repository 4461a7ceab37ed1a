import { defineConsumer, loadDataFile, MasterKeys, startConsumerService, type RunningService } from '@leadflow/kit';
import { scoringGroups } from './consumerGroups';
import type { ScoringConfig } from './config';
import { scoringMigrations } from './db/migrations';
import { parseScoringModel, type ScoringModel } from './domain';
import { competitorRevealer } from './kafka/revealCompetitors';
import { scoreBatch } from './kafka/scoreBatch';
import { startRegradeTicker } from './regrading/startRegradeTicker';
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
  return startConsumerService(config, {
    name: 'scoring',
    migrations: scoringMigrations,
    consumers: [
      defineConsumer({ ...groups.stitching, handle: ({ producer, codecs }) => stitchBatch({ producer, codecs, bound: heldActivityBound(model.maxEventAgeDays) }) }),
      defineConsumer({ ...groups.scoring, handle: ({ producer, codecs, pool }) => scoreBatch({ model, producer, codecs, revealCompetitors: competitorRevealer(pool, masters) }) }),
    ],
    workers: ({ pool, producer, codecs, logger }) => [
      startRegradeTicker({ pool, model, producer, codecs, batchSize: config.SCORING_REGRADE_BATCH }, logger, config.SCORING_REGRADE_INTERVAL_MS),
    ],
  });
}
