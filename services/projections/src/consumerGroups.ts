import type { ConsumerGroupRef } from '@leadflow/kit';
import type { ProjectionsConfig } from './config';
import { projectedTopics } from './kafka/projectedTopics';

/** Projections' consumer group as data: what the service runs, and what operators' tools watch. */
export const projectionsGroups = (config: Pick<ProjectionsConfig, 'PROJECTIONS_GROUP_ID' | 'PROJECTIONS_SCHEMA'>) =>
  ({
    /** Keeps the analysts' read models; its offsets live in the read models' schema. */
    projections: { group: config.PROJECTIONS_GROUP_ID, topics: projectedTopics, schema: config.PROJECTIONS_SCHEMA },
  }) as const satisfies Record<string, ConsumerGroupRef>;
