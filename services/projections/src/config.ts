import { z } from 'zod';
import { commonConfig } from '@leadflow/kit';

export const projectionsConfigSchema = z.object({
  ...commonConfig,
  PROJECTIONS_GROUP_ID: z.string().min(1).default('leadflow-projections'),
  /** The Postgres schema of the read models, their views and their consumer offsets. */
  PROJECTIONS_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').default('analytics'),
});
export type ProjectionsConfig = z.infer<typeof projectionsConfigSchema>;
