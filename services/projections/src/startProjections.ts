import { startConsumerService, type RunningService } from '@leadflow/kit';
import type { ProjectionsConfig } from './config';
import { projectionMigrations } from './db/migrations';
import { projectBatch } from './kafka/projectBatch';

/** The composition root of projections: read models kept from the scores and lifecycle topics. */
export async function startProjections(config: ProjectionsConfig): Promise<RunningService> {
  return startConsumerService(config, {
    name: 'projections',
    schema: config.PROJECTIONS_SCHEMA,
    migrations: projectionMigrations,
    consumers: [
      {
        groupId: config.PROJECTIONS_GROUP_ID,
        subscribe: (codecs) => [codecs.scores, codecs.lifecycle, codecs.recycled] as never,
        handler: () => projectBatch() as never,
      },
    ],
  });
}
