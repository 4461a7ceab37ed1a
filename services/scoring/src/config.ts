import { join } from 'node:path';
import { z } from 'zod';
import { commonConfig, consumerConfig } from '@leadflow/kit';
import { scoringRolesSchema } from './scoringRoles';

export const scoringConfigSchema = z
  .object({
    ...commonConfig,
    ...consumerConfig,
    SCORING_GROUP_ID: z.string().min(1).default('leadflow-scoring'),
    /** Which parts of scoring this process runs (see scoringRoles); all by default. */
    SCORING_ROLES: scoringRolesSchema,
    SCORING_MODEL_FILE: z.string().default(join(__dirname, '..', 'models', 'default.v1.json')),
    SCORING_REGRADE_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
    SCORING_REGRADE_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
    /** How late (in event time) a visitor's identification may arrive and still find its held activity. */
    SCORING_HELD_GRACE_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
    /** How far behind the stream an event may arrive and still be deduplicated rather than refused. */
    SCORING_DEDUP_MARGIN_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
    SCORING_RETENTION_INTERVAL_MS: z.coerce.number().int().min(10).max(86_400_000).default(60_000),
    /** Leads whose rows the fold keeps in memory between batches (0: read every row from Postgres). */
    SCORING_STATE_CACHE_LEADS: z.coerce.number().int().min(0).max(10_000_000).default(20_000),
    SCORING_RETENTION_CHUNK: z.coerce.number().int().min(1).max(100_000).default(1_000),
  })
  .refine((c) => c.SCORING_DEDUP_MARGIN_DAYS >= c.SCORING_HELD_GRACE_DAYS, {
    path: ['SCORING_DEDUP_MARGIN_DAYS'],
    message: 'must be at least SCORING_HELD_GRACE_DAYS: held visitor activity released at a late identification would be refused as too old',
  });
export type ScoringConfig = z.infer<typeof scoringConfigSchema>;
