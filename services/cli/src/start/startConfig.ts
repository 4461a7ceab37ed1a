import { z } from 'zod';
import { portSchema } from '@leadflow/kit';
import { DEFAULT_PORTS, type BasePorts } from './planInstances';

/** The first instance's port of each service, from the environment (instance n adds 100·n). */
export const startConfigSchema = z
  .object({
    INGEST_PORT: portSchema.min(1).default(DEFAULT_PORTS.ingest),
    SCORING_HEALTH_PORT: portSchema.min(1).default(DEFAULT_PORTS.scoring),
    HANDOFF_HEALTH_PORT: portSchema.min(1).default(DEFAULT_PORTS.handoff),
    PROJECTIONS_HEALTH_PORT: portSchema.min(1).default(DEFAULT_PORTS.projections),
    DASHBOARD_PORT: portSchema.min(1).default(DEFAULT_PORTS.dashboard),
    BIND_ADDRESS: z.string().default('127.0.0.1'),
  })
  .transform(
    (c): BasePorts & { bindAddress: string } => ({
      ingest: c.INGEST_PORT,
      scoring: c.SCORING_HEALTH_PORT,
      handoff: c.HANDOFF_HEALTH_PORT,
      projections: c.PROJECTIONS_HEALTH_PORT,
      dashboard: c.DASHBOARD_PORT,
      bindAddress: c.BIND_ADDRESS,
    }),
  );
