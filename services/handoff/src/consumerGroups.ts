import type { ConsumerGroupRef } from '@leadflow/kit';
import type { HandoffConfig } from './config';

/** Hand-off's consumer group as data: what the service runs, and what operators' tools watch. */
export const handoffGroups = (config: Pick<HandoffConfig, 'HANDOFF_GROUP_ID'>) =>
  ({
    /** Decides lifecycle transitions from scores and CRM outcomes. */
    handoff: { group: config.HANDOFF_GROUP_ID, topics: ['scores', 'outcome'] },
  }) as const satisfies Record<string, ConsumerGroupRef>;
