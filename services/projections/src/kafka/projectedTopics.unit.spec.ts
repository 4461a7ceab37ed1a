import { topics } from '@leadflow/schemas';
import { projectedTopicOf, projectedTopics } from './projectedTopics';

describe('projectedTopicOf', () => {
  it('names the topic of a record with or without a namespace', () => {
    for (const key of projectedTopics) {
      expect(projectedTopicOf(topics[key].name)).toBe(key);
      expect(projectedTopicOf(`demo-abc.${topics[key].name}`)).toBe(key);
    }
  });

  it('names no topic projections does not read', () => {
    expect(projectedTopicOf(topics.conversation.name)).toBeUndefined();
    expect(projectedTopicOf(`x.${topics.activityByLead.name}`)).toBeUndefined();
  });
});
