import type { ConsumerGroupRef } from '@leadflow/kit';
import type { ScoringConfig } from './config';

/** Scoring's consumer groups as data: what the service runs, and what operators' tools watch. */
export const scoringGroups = (config: Pick<ScoringConfig, 'SCORING_GROUP_ID'>) =>
  ({
    /** Re-keys raw activity by lead (identity stitching) onto `activityByLead`. */
    stitching: { group: `${config.SCORING_GROUP_ID}-stitching`, topics: ['engagement', 'conversation', 'identity'] },
    /** Folds each lead's activity into scores. */
    scoring: { group: config.SCORING_GROUP_ID, topics: ['activityByLead'] },
  }) as const satisfies Record<string, ConsumerGroupRef>;
