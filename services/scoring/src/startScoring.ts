import { loadDataFile, startConsumerService, type RunningService } from '@leadflow/kit';
import type { ScoringConfig } from './config';
import { scoringMigrations } from './db/migrations';
import { parseScoringModel, type ScoringModel } from './domain';
import { scoreBatch } from './kafka/scoreBatch';
import { startRegradeTicker } from './regrading/startRegradeTicker';
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
  return startConsumerService(config, {
    name: 'scoring',
    migrations: scoringMigrations,
    consumers: [
      {
        groupId: `${config.SCORING_GROUP_ID}-stitching`,
        subscribe: (codecs) => [codecs.engagement, codecs.conversation, codecs.identity] as never,
        handler: ({ producer, codecs }) => stitchBatch({ producer, codecs }) as never,
      },
      {
        groupId: config.SCORING_GROUP_ID,
        subscribe: (codecs) => [codecs.activityByLead] as never,
        handler: ({ producer, codecs }) => scoreBatch({ model, producer, codecs }) as never,
      },
    ],
    workers: ({ pool, producer, codecs, logger }) => [
      startRegradeTicker({ pool, model, producer, codecs, batchSize: config.SCORING_REGRADE_BATCH }, logger, config.SCORING_REGRADE_INTERVAL_MS),
    ],
  });
}
