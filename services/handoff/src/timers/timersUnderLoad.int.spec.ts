import { groupIdOf, keyHashOf, loadConfig, partitionOfKey, passedOnEveryTopic, publishRecords, readPartitionWatermarks, testing, topicNamesOf, type PartitionWatermark } from '@leadflow/kit';
import { handoffConfigSchema } from '../config';
import { handoffGroups } from '../consumerGroups';
import type { LeadScored, OutcomeEvent, SlaEvent } from '@leadflow/schemas';
import { outcomeId, qualifying, startHandoffUnderTest, type HandoffUnderTest } from '../kafka/handoffUnderTest.spec';
import { writeRulesWithSla } from '../writeRulesWithSla';

const SLA_SECONDS = 12;
const RATE_PER_SECOND = 520;
/**
 * Other leads the traffic spreads over: each gets a score every ~6 s, a busy population. Hand-off
 * re-decides a lead from all its inputs, so a few leads scored many times a second would measure
 * that cost (it grows with each lead's inputs), not the timer rule.
 */
const OTHER_LEADS = 3_000;
const PARTITIONS = 3;
/** Hand-off's default `HANDOFF_TIMER_ALLOWED_LATENESS_MS`. */
const ALLOWED_LATENESS_MS = 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Scores of a lead that qualifies for nothing: what most of the traffic is. */
const lukewarm = (leadId: string, at: number, eventsApplied: number): LeadScored => ({
  ...qualifying(leadId, at, eventsApplied),
  fit: 30,
  intent: 10,
  readiness: 5,
  total: 25,
  grade: 'D',
  signals: { contactConsent: 'granted', unsubscribed: false, demoRequested: false, contactRequested: false, bantEstablished: [] },
});

const contacted = (leadId: string, at: number, n: number): OutcomeEvent =>
  ({ eventId: outcomeId(leadId, `contacted-${n}`), leadId, occurredAt: at, receivedAt: at, source: 'crm', type: 'lead_contacted', payload: { channel: 'email', by: testing.sealedLike('noise') } }) as OutcomeEvent;

/**
 * Other leads' scores (49 in 50) and CRM outcomes at `rate` records per second, stamped with the
 * wall clock as scoring and CRMs stamp them, until `stopped`.
 */
async function traffic(h: HandoffUnderTest, leads: string[], rate: number, stopped: () => boolean): Promise<{ sent: number; seconds: number }> {
  const started = Date.now();
  let sent = 0;
  while (!stopped()) {
    const n = Math.min(Math.floor(((Date.now() - started) / 1000) * rate) - sent, 300);
    if (n <= 0) {
      await sleep(10);
      continue;
    }
    const at = Date.now();
    const picked = Array.from({ length: n }, (_, i) => ({ leadId: leads[(sent + i) % leads.length] as string, k: sent + i }));
    const isOutcome = ({ k }: { k: number }) => k % 50 === 49;
    await Promise.all([
      publishRecords(h.producer, h.pipeline.codecs.scores, picked.filter((p) => !isOutcome(p)).map((p) => lukewarm(p.leadId, at, p.k + 1))),
      publishRecords(h.producer, h.pipeline.codecs.outcome, picked.filter(isOutcome).map((p) => contacted(p.leadId, at, p.k))),
    ]);
    sent += n;
  }
  return { sent, seconds: (Date.now() - started) / 1000 };
}

describe('SLA timers under load', () => {
  let h: HandoffUnderTest;

  beforeAll(async () => {
    h = await startHandoffUnderTest('timer-load', writeRulesWithSla(SLA_SECONDS), { ownProcess: true });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it(`publishes a breach at most 2 s after its deadline while ${RATE_PER_SECOND} records/s of other leads flow through the same partitions`, async () => {
    const hot = `hot-${h.run.id}`;
    const others = Array.from({ length: OTHER_LEADS }, (_, i) => `other-${i}-${h.run.id}`);
    // the traffic reaches the hot lead's own partition of both input topics
    expect(others.filter((o) => partitionOfKey(o, PARTITIONS) === partitionOfKey(hot, PARTITIONS)).length).toBeGreaterThan(OTHER_LEADS / PARTITIONS / 2);

    let stop = false;
    const flowing = traffic(h, others, RATE_PER_SECOND, () => stop);
    // where the hot lead's partitions stand in event time (the ticker's own rule), sampled
    const admin = h.pipeline.kafka.admin();
    await admin.connect();
    const config = loadConfig(handoffConfigSchema, h.run.env);
    const { handoff } = handoffGroups(config);
    const group = { groupId: groupIdOf(handoff, config.TOPIC_NAMESPACE), topics: topicNamesOf(handoff, config.TOPIC_NAMESPACE) };
    const samples: { at: number; watermarks: PartitionWatermark[] }[] = [];
    let sampling = true;
    const sampled = (async () => {
      while (sampling) {
        const at = Date.now();
        samples.push({ at, watermarks: await readPartitionWatermarks(admin, h.pool, group, at, ALLOWED_LATENESS_MS) });
        await sleep(100);
      }
    })();
    try {
      await sleep(3_000);
      await publishRecords(h.producer, h.pipeline.codecs.scores, [qualifying(hot, Date.now(), 12)]);
      const started = await testing.collectTimedRecords(h.pipeline.kafka, h.pipeline.codecs.sla, (r) => r.some((e) => e.value.leadId === hot && e.value.type === 'sla_started'));
      const sla = started.find((e) => e.value.leadId === hot && e.value.type === 'sla_started')?.value as Extract<SlaEvent, { type: 'sla_started' }>;
      expect(sla).toBeDefined();
      const isBreach = (e: testing.TimedRecord<SlaEvent>) => e.value.leadId === hot && e.value.type === 'sla_breached';
      const breaches = await testing.collectTimedRecords(h.pipeline.kafka, h.pipeline.codecs.sla, (r) => r.some(isBreach), (SLA_SECONDS + 30) * 1000);
      const breach = breaches.find(isBreach);
      expect(breach?.value).toMatchObject({ type: 'sla_breached', payload: { deadline: sla.payload.deadline, attempt: 1 } });

      const publishedAt = breach?.timestamp ?? Number.POSITIVE_INFINITY;
      const { deadline } = sla.payload;
      // the timer rule lets it fire once the lead's partitions have passed the deadline in event time
      const passedAt = samples.find((a) => passedOnEveryTopic(a.watermarks, keyHashOf(hot), deadline))?.at ?? Number.NaN;
      const atDeadline = samples.find((a) => a.at >= deadline);
      const behindAtDeadline = atDeadline ? atDeadline.at - Math.min(...atDeadline.watermarks.filter((w) => w.partition === keyHashOf(hot) % w.partitions).map((w) => w.watermark)) : Number.NaN;
      expect(publishedAt).toBeGreaterThanOrEqual(deadline);
      if (publishedAt - deadline > 2_000)
        throw new Error(
          `breach published ${publishedAt - deadline} ms after its deadline: the lead's partitions passed it in event time ${passedAt - deadline} ms after it ` +
            `(${behindAtDeadline} ms behind the wall clock at the deadline), and the ticker published it ${publishedAt - passedAt} ms after that`,
        );
    } finally {
      stop = true;
      sampling = false;
      await sampled;
      await admin.disconnect();
    }
    const { sent, seconds } = await flowing;
    expect(sent / seconds).toBeGreaterThanOrEqual(500);
  });
});
