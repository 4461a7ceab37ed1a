import { z } from 'zod';
import { commonConfig } from '@leadflow/kit';

export const projectionsConfigSchema = z.object({
  ...commonConfig,
  PROJECTIONS_GROUP_ID: z.string().min(1).default('leadflow-projections'),
});
export type ProjectionsConfig = z.infer<typeof projectionsConfigSchema>;
