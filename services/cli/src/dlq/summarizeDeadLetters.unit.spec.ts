import type { DeadLetter } from '@leadflow/schemas';
import { matchesFilter, summarizeDeadLetters } from './summarizeDeadLetters';

const letter = (offset: number, originalTopic: string, reason: string, failedAt: number) => ({
  partition: 0,
  offset: String(offset),
  letter: { originalTopic, partition: 1, offset: 7, headers: [], consumerGroup: 'g', errorName: 'DecodeError', reason, retriable: false, failedAt } satisfies DeadLetter,
});

describe('summarizeDeadLetters', () => {
  const letters = [
    letter(0, 'leads.engagement.v1', 'not Avro', 1_000),
    letter(1, 'leads.activity-by-lead.v2', 'event older than 365 days', 3_000),
    letter(2, 'leads.engagement.v1', 'not Avro', 2_000),
  ];

  it('counts letters by original topic and reason, the group with the newest letter first', () => {
    expect(summarizeDeadLetters(letters)).toEqual([
      { originalTopic: 'leads.activity-by-lead.v2', reason: 'event older than 365 days', count: 1, newestAt: 3_000 },
      { originalTopic: 'leads.engagement.v1', reason: 'not Avro', count: 2, newestAt: 2_000 },
    ]);
  });

  it('selects letters by topic (with or without namespace), part of the reason, and failure time', () => {
    const namespaced = letter(3, 'run-1.leads.engagement.v1', 'not Avro', 5_000);
    const offsets = (filter: Parameters<typeof matchesFilter>[1]) => [...letters, namespaced].filter((l) => matchesFilter(l, filter)).map((l) => l.offset);
    expect(offsets({ topic: 'leads.engagement.v1' })).toEqual(['0', '2', '3']);
    expect(offsets({ reason: 'older' })).toEqual(['1']);
    expect(offsets({ since: 2_000 })).toEqual(['1', '2', '3']);
    expect(offsets({})).toEqual(['0', '1', '2', '3']);
  });
});
