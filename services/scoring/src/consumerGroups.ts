import type { ConsumerGroupRef } from '@leadflow/kit';
import type { TopicKey } from '@leadflow/schemas';
import type { ScoringConfig } from './config';

/** The topics activity enters on, keyed by lead or by visitor. */
export const rawActivityTopics = ['engagement', 'conversation', 'identity'] as const satisfies readonly TopicKey[];

/** Scoring's consumer groups as data: what the service runs, and what operators' tools watch. */
export const scoringGroups = (config: Pick<ScoringConfig, 'SCORING_GROUP_ID'>) =>
  ({
    /** Re-keys activity only a visitor names by the lead it became (identity stitching) onto `activityByLead`. */
    stitching: { group: `${config.SCORING_GROUP_ID}-stitching`, topics: rawActivityTopics },
    /** Folds each lead's activity into scores: what names its lead straight from the raw topics, the rest once stitched. */
    scoring: { group: config.SCORING_GROUP_ID, topics: [...rawActivityTopics, 'activityByLead'] },
  }) as const satisfies Record<string, ConsumerGroupRef>;
