import type { AnyTopicCodec, Codecs } from '@leadflow/kit';
import { topics } from '@leadflow/schemas';

/** The topics the read models are made of. */
export const projectedTopics = ['scores', 'lifecycle', 'recycled', 'sla', 'outcome', 'engagement', 'identity'] as const;
export type ProjectedTopic = (typeof projectedTopics)[number];

/** The codecs of the projected topics, to subscribe to (live) or replay (rebuild). */
export function projectedCodecs(codecs: Codecs): AnyTopicCodec[] {
  return projectedTopics.map((key) => codecs[key]);
}

/**
 * The projected topic a record came from. Topic names may carry a namespace prefix, and no topic's
 * name ends another's, so the suffix names it. Lifecycle and outcome events share type names
 * (`deal_won`), which is why records are told apart by topic, not by shape.
 */
export function projectedTopicOf(topicName: string): ProjectedTopic | undefined {
  return projectedTopics.find((key) => topicName.endsWith(topics[key].name));
}
