import type { Pool } from 'pg';
import { testing, type Pipeline } from '@leadflow/kit';
import { signWebhook } from '@leadflow/ingest';
import { postEvents } from './simulate/postEvents';
import { sampleJourneys, type PostedEventBody } from './simulate/sampleJourneys';
import { startPipelineUnderTest, type PipelineUnderTest } from './testing/startPipelineUnderTest';

const API_KEY = 'e2e-key-webhooks-0001';
const CRM = 'crm';
/** The secret being replaced and its successor: while a secret rotates, the CRM may sign with either. */
const OLD_SECRET = 'whsec-old-0123456789';
const NEW_SECRET = 'whsec-new-9876543210';

interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

/** A CRM webhook as the CRM sends it: the body signed with a secret, stamped with the time of signing. */
function signed(secret: string, body: unknown, signedAt = Date.now()): SignedRequest {
  const raw = JSON.stringify(body);
  return {
    headers: { 'content-type': 'application/json', 'x-leadflow-source': CRM, 'leadflow-signature': signWebhook(secret, Math.floor(signedAt / 1000), raw) },
    body: raw,
  };
}

describe('signed CRM webhooks, end to end', () => {
  let under: PipelineUnderTest;
  let run: testing.IsolatedRun;
  let ingestUrl: string;
  let pipeline: Pipeline;
  let pool: Pool;

  const deliver = async (request: SignedRequest) => {
    const response = await fetch(`${ingestUrl}/v1/outcomes`, { method: 'POST', headers: request.headers, body: request.body });
    return { status: response.status, body: (await response.json()) as { accepted?: { eventId: string }[]; error?: { code: string } } };
  };

  beforeAll(async () => {
    under = await startPipelineUnderTest('webhooks', { INGEST_API_KEYS: `${API_KEY}:e2e`, INGEST_WEBHOOK_SECRETS: `${CRM}:${OLD_SECRET},${CRM}:${NEW_SECRET}` });
    ({ run, ingestUrl, pipeline, pool } = under);
  });

  afterAll(async () => {
    await under?.stop();
  });

  it('counts a replayed or re-signed request once, and takes one signed with the second secret', async () => {
    const leadId = `lena-${run.id}`;
    // Vera's self-qualifying journey under another lead id: what she browsed is scored before she
    // tells us her BANT and asks for a demo, which makes her an SQL.
    const vera = sampleJourneys(Date.now())[0]?.events ?? [];
    const isQualifying = (e: PostedEventBody) => ['qualification_captured', 'demo_requested'].includes(e.type);
    const retimed = (events: PostedEventBody[]) => {
      const t = Date.now();
      return events.map((e, i) => ({ ...e, leadId, eventId: crypto.randomUUID(), occurredAt: new Date(t - (events.length - i) * 50).toISOString() }));
    };
    const browsing = vera.filter((e) => !isQualifying(e));
    expect((await postEvents(ingestUrl, API_KEY, retimed(browsing))).status).toBe(202);
    await testing.collectRecords(pipeline.kafka, pipeline.codecs.scores, (r) => r.some((s) => s.leadId === leadId && s.eventsApplied === browsing.length));
    expect((await postEvents(ingestUrl, API_KEY, retimed(vera.filter(isQualifying)))).status).toBe(202);
    await testing.waitFor(
      `${leadId} qualified as an SQL`,
      () => testing.readTopic(pipeline.kafka, pipeline.codecs.lifecycle),
      (events) => events.some((e) => e.leadId === leadId && e.type === 'lead_qualified_sql'),
      60_000,
    );

    const outcome = (type: string, payload: Record<string, unknown>, offsetMs: number) => ({ type, leadId, occurredAt: new Date(Date.now() + offsetMs).toISOString(), payload });
    // Sales calls the lead, which meets the SLA. The CRM did not see the answer and sends the very
    // same signed request again, then once more signed anew, both within the signature window.
    const contactBody = outcome('lead_contacted', { channel: 'phone', by: 'anna.berg' }, 0);
    const contact = signed(OLD_SECRET, contactBody, Date.now() - 60_000);
    const first = await deliver(contact);
    const replayed = await deliver(contact);
    const resigned = await deliver(signed(OLD_SECRET, contactBody, Date.now()));
    // After the secret rotated, the CRM signs with the new one.
    const rotated = await deliver(signed(NEW_SECRET, outcome('lead_accepted', { by: 'ben.carter' }, 1000)));

    expect([first.status, replayed.status, resigned.status, rotated.status]).toEqual([202, 202, 202, 202]);
    const contactId = first.body.accepted?.[0]?.eventId;
    expect(replayed.body.accepted).toEqual(first.body.accepted);
    expect(resigned.body.accepted).toEqual(first.body.accepted);

    // Outcomes of one lead are read in order, so once the acceptance is decided, so are the repeats.
    const stream = await testing.waitFor(
      'the acceptance in the lead\'s stream',
      () =>
        pool
          .query<{ type: string; payload: Record<string, unknown> }>("select type, data->'payload' as payload from events where stream_id = $1 order by stream_version", [`lead-${leadId}`])
          .then((r) => r.rows),
      (rows) => rows.some((r) => r.type === 'sales_accepted'),
      60_000,
    );
    const activity = await testing.waitFor(
      'the contact in analytics.sales_activity',
      () => pool.query<{ event_id: string; channel: string }>('select event_id, channel from analytics.sales_activity where lead_id = $1', [leadId]).then((r) => r.rows),
      (rows) => rows.length > 0,
      60_000,
    );
    const kept = await pool.query<{ event_id: string }>("select event_id from lead_inputs where lead_id = $1 and kind = 'outcome' and input->'outcome'->>'type' = 'lead_contacted'", [leadId]);
    const deadLetters = await testing.readTopic(pipeline.kafka, pipeline.codecs.deadLetter);

    const afterSql = stream.map((r) => r.type).slice(stream.findIndex((r) => r.type === 'lead_qualified_sql'));
    expect(afterSql).toEqual(['lead_qualified_sql', 'lead_assigned', 'sla_started', 'sla_met', 'sales_accepted']);
    // who at sales is personal: it travels sealed with the lead's key
    const sealed = expect.stringMatching(/^lf1\.l\./);
    expect(stream.find((r) => r.type === 'sla_met')?.payload).toMatchObject({ metBy: 'lead_contacted', by: sealed });
    expect(stream.find((r) => r.type === 'sales_accepted')?.payload).toEqual({ fromStage: 'sql', by: sealed });
    expect(kept.rows.map((r) => r.event_id)).toEqual([contactId]);
    expect(activity).toEqual([{ event_id: contactId, channel: 'phone' }]);
    expect(deadLetters.map((d) => d.reason)).toEqual([]);
  });
});
