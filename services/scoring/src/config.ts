import { join } from 'node:path';
import { z } from 'zod';
import { commonConfig, consumerConfig } from '@leadflow/kit';

export const scoringConfigSchema = z.object({
  ...commonConfig,
  ...consumerConfig,
  SCORING_GROUP_ID: z.string().min(1).default('leadflow-scoring'),
  SCORING_MODEL_FILE: z.string().default(join(__dirname, '..', 'models', 'default.v1.json')),
  SCORING_REGRADE_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  SCORING_REGRADE_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
});
export type ScoringConfig = z.infer<typeof scoringConfigSchema>;
