import { publishRecords, testing } from '@leadflow/kit';
import type { LifecycleEvent } from '@leadflow/schemas';
import { writeRulesWithSla } from '../writeRulesWithSla';
import { qualifying, startHandoffUnderTest, type HandoffUnderTest } from './handoffUnderTest.spec';

const SLA_SECONDS = 60;
const SETTLING_SECONDS = 3;

describe('a hand-off settles through Kafka', () => {
  let h: HandoffUnderTest;

  beforeAll(async () => {
    h = await startHandoffUnderTest('settling', writeRulesWithSla(SLA_SECONDS, SETTLING_SECONDS));
  });

  afterAll(async () => {
    await h?.stop();
  });

  // The hand-off is published before its transaction commits the lead's timers: read them once the
  // settling timer is gone, or after a deadline.
  const timersOnceCommitted = async (leadId: string) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows } = await h.pool.query<{ timer: string }>('select timer from lead_timers where lead_id = $1', [leadId]);
      if (!rows.some((r) => r.timer === 'sql_settled') || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('hands off once, after the window, with the scores of every event of the moment', async () => {
    const leadId = `settling-${h.run.id}`;
    const at = Date.now();

    // Conversation first (7 of 14 events), then the engagement of the same moment, seen late.
    await publishRecords(h.producer, h.pipeline.codecs.scores, [qualifying(leadId, at, 7, { intent: 4.5 })]);
    await publishRecords(h.producer, h.pipeline.codecs.scores, [qualifying(leadId, at, 14, { intent: 43.5, topFeatures: ['routing'] })]);
    const events = await testing.collectRecords(h.pipeline.kafka, h.pipeline.codecs.lifecycle, (r) => r.some((e) => e.leadId === leadId && e.type === 'lead_assigned'));
    const mine = events.filter((e) => e.leadId === leadId);
    const sql = mine.find((e): e is Extract<LifecycleEvent, { type: 'lead_qualified_sql' }> => e.type === 'lead_qualified_sql');

    expect(mine.filter((e) => e.type === 'lead_qualified_sql')).toHaveLength(1);
    expect(sql?.occurredAt).toBe(at + SETTLING_SECONDS * 1000);
    expect(sql?.payload).toMatchObject({ intent: 43.5, context: { topFeatures: [{ feature: 'routing', explorations: 3 }] } });
    expect(sql?.payload.assignment?.team).toBe('routing-specialists');
    expect(await timersOnceCommitted(leadId)).toEqual([{ timer: 'sla' }]);
  });
});
