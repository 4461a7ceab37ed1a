import { z } from 'zod';
import { commonConfig } from '@leadflow/kit';
import { handoffConfigSchema } from '@leadflow/handoff';
import { scoringConfigSchema } from '@leadflow/scoring';

/**
 * What `leadflow rescore` reads from the environment: the pipeline settings, the model the scoring
 * service runs and its consumer group, and the hand-off rules, with the services' own defaults.
 */
export const rescoreConfigSchema = z.object({
  ...commonConfig,
  SCORING_GROUP_ID: scoringConfigSchema.shape.SCORING_GROUP_ID,
  SCORING_MODEL_FILE: scoringConfigSchema.shape.SCORING_MODEL_FILE,
  HANDOFF_RULES_FILE: handoffConfigSchema.shape.HANDOFF_RULES_FILE,
});
export type RescoreConfig = z.infer<typeof rescoreConfigSchema>;
