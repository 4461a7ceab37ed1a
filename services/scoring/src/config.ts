import { join } from 'node:path';
import { z } from 'zod';
import { commonConfig } from '@leadflow/kit';

export const scoringConfigSchema = z.object({
  ...commonConfig,
  SCORING_GROUP_ID: z.string().min(1).default('leadflow-scoring'),
  SCORING_MODEL_FILE: z.string().default(join(__dirname, '..', 'models', 'default.v1.json')),
});
export type ScoringConfig = z.infer<typeof scoringConfigSchema>;
