import { z } from 'zod';
import { commonConfig, consumerConfig, portSchema } from '@leadflow/kit';

export const projectionsConfigSchema = z.object({
  ...commonConfig,
  ...consumerConfig,
  PROJECTIONS_GROUP_ID: z.string().min(1).default('leadflow-projections'),
  /** The Postgres schema of the read models, their views and their consumer offsets. */
  PROJECTIONS_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').default('analytics'),
  /** The dashboard's port on 127.0.0.1; 0 takes any free one. */
  DASHBOARD_PORT: portSchema.default(18090),
});
export type ProjectionsConfig = z.infer<typeof projectionsConfigSchema>;
