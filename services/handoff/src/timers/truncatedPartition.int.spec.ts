import { partitionOfKey, publishRecords, testing } from '@leadflow/kit';
import type { OutcomeEvent, SlaEvent } from '@leadflow/schemas';
import { outcomeId, qualifying, startHandoffUnderTest, type HandoffUnderTest } from '../kafka/handoffUnderTest.spec';
import { writeRulesWithSla } from '../writeRulesWithSla';

const SLA_SECONDS = 3;
const PARTITIONS = 3;

describe('a truncated input partition never stored', () => {
  let h: HandoffUnderTest;
  const lead = (run: testing.IsolatedRun) => `truncated-${run.id}`;
  let truncatedTo = 0n;

  beforeAll(async () => {
    h = await startHandoffUnderTest('truncated', writeRulesWithSla(SLA_SECONDS), {
      // Before hand-off reads anything: records of another lead on the lead's partition of the
      // outcome topic, then the log deleted up to its end, as retention would.
      beforeStart: async ({ run, pipeline, producer }) => {
        const partition = partitionOfKey(lead(run), PARTITIONS);
        const neighbour = Array.from({ length: 100 }, (_, i) => `neighbour-${i}-${run.id}`).find((n) => partitionOfKey(n, PARTITIONS) === partition) as string;
        const at = Date.now() - 60_000;
        const outcomes = Array.from({ length: 5 }, (_, i) =>
          ({ eventId: outcomeId(neighbour, `lost-${i}`), leadId: neighbour, occurredAt: at, receivedAt: at, source: 'crm', type: 'deal_lost', payload: { reason: testing.sealedLike('gone') } }) as OutcomeEvent,
        );
        await publishRecords(producer, pipeline.codecs.outcome, outcomes);
        const admin = pipeline.kafka.admin();
        await admin.connect();
        try {
          const topic = pipeline.codecs.outcome.topicName;
          const end = (await admin.fetchTopicOffsets(topic)).find((p) => p.partition === partition)?.high ?? '0';
          await admin.deleteTopicRecords({ topic, partitions: [{ partition, offset: end }] });
          truncatedTo = BigInt((await admin.fetchTopicOffsets(topic)).find((p) => p.partition === partition)?.low ?? '0');
        } finally {
          await admin.disconnect();
        }
      },
    });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it("does not hold back the timers of the partition's leads", async () => {
    expect(truncatedTo).toBe(5n);
    const leadId = lead(h.run);
    const scoredAt = Date.now();
    await publishRecords(h.producer, h.pipeline.codecs.scores, [qualifying(leadId, scoredAt, 12)]);

    const isBreach = (e: SlaEvent) => e.leadId === leadId && e.type === 'sla_breached';
    const sla = await testing.collectRecords(h.pipeline.kafka, h.pipeline.codecs.sla, (r) => r.some(isBreach), 30_000);

    expect(sla.filter(isBreach)).toHaveLength(1);
    // the partition was never stored: nothing was ever applied on it
    const stored = await h.pool.query('select 1 from consumer_offsets where topic = $1 and partition = $2', [h.pipeline.codecs.outcome.topicName, partitionOfKey(leadId, PARTITIONS)]);
    expect(stored.rowCount).toBe(0);
    // while the scores partition stored the latest event time applied on it with its offset
    const scores = await h.pool.query<{ max_event_time: string }>('select max_event_time from consumer_offsets where topic = $1 and partition = $2', [
      h.pipeline.codecs.scores.topicName,
      partitionOfKey(leadId, PARTITIONS),
    ]);
    expect(scores.rows.map((r) => Number(r.max_event_time))).toEqual([scoredAt]);
  });
});
