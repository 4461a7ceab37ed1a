import type { Pool } from 'pg';
import { testing, type Pipeline } from '@leadflow/kit';
import { postEvents, type PostResult } from './simulate/postEvents';
import { postOutcomes } from './simulate/postOutcomes';
import { waitForLeads } from './demo/readLeadCurrent';
import { startPipelineUnderTest, type PipelineUnderTest } from './testing/startPipelineUnderTest';

const API_KEY = 'e2e-key-text-0001';
const CRM = { source: 'crm', secret: 'whsec-text-0123456789' };

/** Text that is odd but storable: a BOM, right-to-left and left-to-right marks, 4-byte emoji and a ZWJ sequence. */
const odd = (label: string) => `\ufeff${label} \u200fمرحبا\u200e 🚀👩‍💻`;
/** Text that is not: NUL, and halves of surrogate pairs standing alone. */
const unstorable = { nul: 'a\u0000b', highSurrogate: 'x\ud800', lowSurrogate: '\udc00y' };

type Posted = Record<string, unknown> & { payload: Record<string, unknown> };

/** Every free-text field an activity event can carry, as paths into the posted event. */
const contextFields = ['campaignId', 'linkId', 'utmSource', 'utmMedium', 'utmCampaign', 'utmContent', 'utmTerm', 'variant', 'sessionId', 'userAgent'];

function journey(leadId: string, anonymousId: string, at: number): Posted[] {
  const context = Object.fromEntries(contextFields.map((field) => [field, odd(field)]));
  const event = (type: string, payload: Record<string, unknown>, subject: Record<string, string>, i: number): Posted => ({
    type,
    occurredAt: new Date(at + i * 1000).toISOString(),
    ...subject,
    context: { ...context, country: 'DE' },
    payload,
  });
  const visitor = { anonymousId };
  const lead = { leadId };
  return [
    event('session_started', { returning: false }, visitor, 0),
    event('page_viewed', { url: `/pricing/${odd('url')}`, durationSec: 90 }, visitor, 1),
    event('content_consumed', { assetId: odd('asset'), assetType: 'whitepaper', durationSec: 600, completionPct: 90 }, visitor, 2),
    event('feature_explored', { feature: odd('feature'), durationSec: 300 }, visitor, 3),
    event('link_opened', { linkId: odd('link') }, visitor, 4),
    event('lead_identified', { anonymousId, leadId, email: `${leadId}@example.com`, name: odd('name'), company: odd('company') }, {}, 5),
    event('email_engaged', { action: 'click', campaignId: odd('email-campaign') }, lead, 6),
    event('form_submitted', { formId: odd('form') }, lead, 7),
    event('content_shared', { assetId: odd('shared'), channel: odd('channel'), recipients: 3 }, lead, 8),
    event('question_asked', { text: odd('Does it support SSO?'), topic: odd('security'), specificity: 0.8 }, lead, 9),
    event('qualification_captured', { dimension: 'authority', value: { role: odd('role'), isDecisionMaker: true, stakeholders: 3 }, confidence: 0.9 }, lead, 10),
    event('qualification_captured', { dimension: 'need', value: { painPoints: [odd('pain 1'), odd('pain 2')], priority: 'high' }, confidence: 0.8 }, lead, 11),
    event('profile_captured', { companySize: 800, industry: odd('industry'), role: odd('role'), seniority: 'director', country: 'DE' }, lead, 12),
  ];
}

/** Each string leaf of an event, by its path as ingest reports it. */
function stringPaths(value: unknown, at: string[] = []): string[][] {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, [...at, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...at, key]));
  return [];
}

const FIXED = new Set(['type', 'occurredAt', 'anonymousId', 'leadId', 'context.country', 'payload.anonymousId', 'payload.leadId', 'payload.email']);

/** Copies of `event` with `bad` written into one free-text field each. */
function spoiled(event: Posted, bad: string): { event: Posted; path: string }[] {
  return stringPaths(event)
    .filter((path) => !FIXED.has(path.join('.')) && !(path[0] === 'payload' && ['assetType', 'action', 'dimension', 'priority', 'seniority', 'currency'].includes(path[1] as string)))
    .map((path) => {
      const copy = structuredClone(event) as Record<string, unknown>;
      let into = copy;
      for (const key of path.slice(0, -1)) into = into[key] as Record<string, unknown>;
      const leaf = path[path.length - 1] as string;
      into[leaf] = (path.join('.') === 'payload.url' ? '/' : '') + bad;
      return { event: copy as Posted, path: path.join('.') };
    });
}

describe('nothing accepted is lost to text encoding', () => {
  let under: PipelineUnderTest;
  let run: testing.IsolatedRun;
  let ingestUrl: string;
  let pipeline: Pipeline;
  let pool: Pool;

  beforeAll(async () => {
    under = await startPipelineUnderTest('text', { INGEST_API_KEYS: `${API_KEY}:e2e`, INGEST_WEBHOOK_SECRETS: `${CRM.source}:${CRM.secret}` });
    ({ run, ingestUrl, pipeline, pool } = under);
  });

  afterAll(async () => {
    await under?.stop();
  });

  it('refuses NUL and lone surrogates in every free-text field of activity, naming the field', async () => {
    const events = journey(`lead-${run.id}-x`, `v-${run.id}-x`, Date.now() - 60_000);
    const cases = Object.values(unstorable).flatMap((bad) => events.flatMap((event) => spoiled(event, bad)));

    const answers: PostResult[] = [];
    for (let i = 0; i < cases.length; i += 100) answers.push(await postEvents(ingestUrl, API_KEY, cases.slice(i, i + 100).map((c) => c.event)));

    expect(answers.every((a) => a.status === 400)).toBe(true);
    const reported = answers.flatMap((a) => ((a.body.error?.details as { rejected: { errors: { path: string }[] }[] }).rejected ?? []).map((r) => r.errors.map((e) => e.path)));
    expect(reported).toEqual(cases.map((c) => [c.path]));
    // The ten context fields and eighteen payload fields of the journey.
    expect(new Set(cases.map((c) => c.path)).size).toBe(28);
  });

  it('refuses them in every free-text field of a CRM outcome too', async () => {
    const outcome = (type: string, payload: Record<string, unknown>): Posted => ({ type, occurredAt: new Date().toISOString(), leadId: `lead-${run.id}-x`, payload });
    const outcomes = [
      outcome('lead_accepted', { by: 'anna' }),
      outcome('lead_rejected', { reason: 'no budget' }),
      outcome('lead_contacted', { channel: 'phone', by: 'anna' }),
      outcome('deal_lost', { reason: 'competitor' }),
      outcome('lead_disqualified', { reason: 'student' }),
      { type: 'campaign_cost_recorded', occurredAt: new Date().toISOString(), payload: { campaignId: 'spring', amount: 10, currency: 'EUR', from: 0, to: 1 } },
    ];
    const cases = Object.values(unstorable).flatMap((bad) => outcomes.flatMap((event) => spoiled(event, bad)));

    const answer = await postOutcomes(ingestUrl, CRM.source, CRM.secret, cases.map((c) => c.event));

    expect(answer.status).toBe(400);
    const reported = (answer.body.error?.details as { rejected: { errors: { path: string }[] }[] }).rejected.map((r) => r.errors.map((e) => e.path));
    expect(reported).toEqual(cases.map((c) => [c.path]));
  });

  it('scores and projects BOMs, direction marks and 4-byte emoji in every free-text field, and dead-letters none', async () => {
    const leads = [0, 1, 2].map((i) => ({ leadId: `lead-${run.id}-${i}`, anonymousId: `v-${run.id}-${i}` }));
    const at = Date.now() - 10 * 60_000;
    const accepted: string[] = [];
    for (const { leadId, anonymousId } of leads) {
      const answer = await postEvents(ingestUrl, API_KEY, journey(leadId, anonymousId, at));
      expect(answer.status).toBe(202);
      accepted.push(...(answer.body.accepted ?? []).map((a) => a.eventId));
    }
    const cost = { type: 'campaign_cost_recorded', occurredAt: new Date(at).toISOString(), payload: { campaignId: odd('campaignId'), amount: 1200, currency: 'EUR', from: at - 86_400_000, to: at } };
    expect((await postOutcomes(ingestUrl, CRM.source, CRM.secret, cost)).status).toBe(202);

    const applied = async () =>
      (await pool.query<{ event_id: string }>('select event_id from scoring_applied_events where event_id = any($1::uuid[])', [accepted]).catch(() => ({ rows: [] }))).rows.length;
    for (let i = 0; i < 120 && (await applied()) < accepted.length; i++) await new Promise((resolve) => setTimeout(resolve, 500));
    const rows = await waitForLeads(pool, leads.map((l) => l.leadId), (r) => r.every((row) => row.total !== null));
    const touches = await pool.query<{ lead_id: string; first_touch_campaign: string; last_touch_campaign: string }>(
      'select lead_id, first_touch_campaign, last_touch_campaign from analytics.lead_current where lead_id = any($1::text[])',
      [leads.map((l) => l.leadId)],
    );
    const costs = await pool.query<{ campaign_id: string }>('select campaign_id from analytics.campaign_costs');
    const scores = await testing.collectRecords(pipeline.kafka, pipeline.codecs.scores, (records) => leads.every((l) => records.some((r) => r.leadId === l.leadId)));
    const deadLetters = await testing.readTopic(pipeline.kafka, pipeline.codecs.deadLetter);

    expect(await applied()).toBe(accepted.length);
    expect(rows.map((r) => r.lead_id).sort()).toEqual(leads.map((l) => l.leadId).sort());
    expect(rows.every((r) => (r.total ?? 0) > 0)).toBe(true);
    expect(touches.rows.map((r) => [r.first_touch_campaign, r.last_touch_campaign])).toEqual(leads.map(() => [odd('campaignId'), odd('campaignId')]));
    expect(costs.rows.map((r) => r.campaign_id)).toEqual([odd('campaignId')]);
    expect(leads.every((l) => scores.some((s) => s.leadId === l.leadId))).toBe(true);
    expect(deadLetters.map((d) => d.reason)).toEqual([]);
  });
});
