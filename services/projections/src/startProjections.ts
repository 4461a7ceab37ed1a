import { defineConsumer, startConsumerService, type RunningService } from '@leadflow/kit';
import { projectionsGroups } from './consumerGroups';
import type { ProjectionsConfig } from './config';
import { startDashboard } from './dashboard';
import { projectionMigrations } from './db/migrations';
import { projectBatch } from './kafka/projectBatch';
import { holdOffSchemaSwap } from './rebuild/schemaSwapLock';

export interface RunningProjections extends RunningService {
  /** Where the dashboard is served, `http://127.0.0.1:<port>`. */
  dashboardUrl: string;
}

/** The composition root of projections: read models kept from the scores and lifecycle topics, and the dashboard over them. */
export async function startProjections(config: ProjectionsConfig): Promise<RunningProjections> {
  let dashboardUrl = '';
  const service = await startConsumerService(config, {
    name: 'projections',
    schema: config.PROJECTIONS_SCHEMA,
    migrations: projectionMigrations,
    consumers: [
      defineConsumer({
        ...projectionsGroups(config).projections,
        handle: () => projectBatch(),
        // a rebuild swaps the schema under this lock, between batches, never during one
        beforeBatch: (tx) => holdOffSchemaSwap(tx, config.PROJECTIONS_SCHEMA),
      }),
    ],
    workers: async ({ pool, logger }) => {
      const dashboard = await startDashboard({ pool, logger, port: config.DASHBOARD_PORT });
      dashboardUrl = dashboard.url;
      return [dashboard];
    },
  });
  return { ...service, dashboardUrl };
}
