import { join } from 'node:path';
import { z } from 'zod';
import { commonConfig, consumerConfig } from '@leadflow/kit';

export const handoffConfigSchema = z.object({
  ...commonConfig,
  ...consumerConfig,
  HANDOFF_GROUP_ID: z.string().min(1).default('leadflow-handoff'),
  HANDOFF_RULES_FILE: z.string().default(join(__dirname, '..', 'config', 'handoff-rules.json')),
  HANDOFF_TIMER_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  HANDOFF_TIMER_ALLOWED_LATENESS_MS: z.coerce.number().int().min(0).max(3_600_000).default(500),
});
export type HandoffConfig = z.infer<typeof handoffConfigSchema>;
