import type { LeadScored, EngagementEvent, IdentityEvent, LifecycleEvent, OutcomeEvent, RecycledEvent, SlaEvent } from '@leadflow/schemas';

/** A record of one of the topics projections are made from, with the key of its topic. */
export type ProjectionRecord =
  | { topicKey: 'engagement'; record: EngagementEvent }
  | { topicKey: 'identity'; record: IdentityEvent }
  | { topicKey: 'scores'; record: LeadScored }
  | { topicKey: 'lifecycle'; record: LifecycleEvent }
  | { topicKey: 'sla'; record: SlaEvent }
  | { topicKey: 'recycled'; record: RecycledEvent }
  | { topicKey: 'outcome'; record: OutcomeEvent };

/** When the record happened: its event time, or its evaluation time for scores. */
export const eventTimeOf = ({ record }: ProjectionRecord): number => ('evaluatedAt' in record ? record.evaluatedAt : record.occurredAt);
