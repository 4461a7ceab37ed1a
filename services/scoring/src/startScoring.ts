import { loadDataFile, startConsumerService, type RunningService } from '@leadflow/kit';
import type { ScoringConfig } from './config';
import { scoringMigrations } from './db/migrations';
import { parseScoringModel, type ScoringModel } from './domain';
import { scoreBatch } from './kafka/scoreBatch';

export const loadScoringModel = (path: string): ScoringModel =>
  loadDataFile('scoring model', path, (input) => {
    const parsed = parseScoringModel(input);
    return parsed.ok ? { ok: true, value: parsed.model } : parsed;
  });

/** The composition root of scoring: the model, per-lead state in Postgres, the activity consumer. */
export async function startScoring(config: ScoringConfig): Promise<RunningService> {
  const model = loadScoringModel(config.SCORING_MODEL_FILE);
  return startConsumerService(config, {
    name: 'scoring',
    groupId: config.SCORING_GROUP_ID,
    migrations: scoringMigrations,
    subscribe: (codecs) => [codecs.engagement, codecs.conversation, codecs.identity] as never,
    handler: ({ producer, codecs }) => scoreBatch({ model, producer, codecs }) as never,
  });
}
