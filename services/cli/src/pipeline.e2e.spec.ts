import type { Pool } from 'pg';
import { testing, type Pipeline } from '@leadflow/kit';
import type { LeadScored, LifecycleEvent } from '@leadflow/schemas';
import { postEvents } from './simulate/postEvents';
import { sampleJourneys, type Journey } from './simulate/sampleJourneys';
import { waitForLeads } from './demo/readLeadCurrent';
import { startPipelineUnderTest, type PipelineUnderTest } from './testing/startPipelineUnderTest';

const API_KEY = 'e2e-key-0001';

describe('the pipeline, end to end on Kafka, the schema registry and Postgres', () => {
  let under: PipelineUnderTest;
  let run: testing.IsolatedRun;
  let ingestUrl: string;
  let pipeline: Pipeline;
  let pool: Pool;
  let journeys: Journey[];

  beforeAll(async () => {
    under = await startPipelineUnderTest('e2e', { INGEST_API_KEYS: `${API_KEY}:e2e`, INGEST_MAX_EVENTS_PER_REQUEST: '100' });
    ({ run, ingestUrl, pipeline, pool } = under);
    journeys = sampleJourneys(Date.now(), run.id);
  });

  afterAll(async () => {
    await under?.stop();
  });

  describe('bad input gets a 4xx that says what is wrong', () => {
    it('refuses a request without an API key, or with an unknown one', async () => {
      const missing = await postEvents(ingestUrl, undefined, journeys[0]?.events);
      const unknown = await postEvents(ingestUrl, 'not-a-key-at-all', journeys[0]?.events);

      expect([missing.status, missing.body.error?.code]).toEqual([401, 'missing_api_key']);
      expect([unknown.status, unknown.body.error?.code]).toEqual([401, 'invalid_api_key']);
    });

    it('refuses malformed JSON', async () => {
      const result = await postEvents(ingestUrl, API_KEY, '{"type": "page_viewed", ', { raw: true });

      expect(result.status).toBe(400);
      expect(result.body.error?.code).toBe('malformed_json');
    });

    it('refuses a batch with more events than allowed', async () => {
      const event = journeys[2]?.events[1];
      const result = await postEvents(ingestUrl, API_KEY, Array.from({ length: 101 }, () => event));

      expect(result.status).toBe(413);
      expect(result.body.error?.message).toMatch(/at most 100 events, got 101/);
    });

    it('reports every invalid event with the path and reason, and accepts the valid ones', async () => {
      const valid = { type: 'page_viewed', occurredAt: new Date().toISOString(), anonymousId: `probe-${run.id}`, payload: { url: '/docs' } };
      const wrongType = { ...valid, payload: { url: 42 } };
      const unknownType = { ...valid, type: 'page_vewed' };

      const mixed = await postEvents(ingestUrl, API_KEY, [valid, wrongType, unknownType]);
      const allBad = await postEvents(ingestUrl, API_KEY, [wrongType]);

      expect(mixed.status).toBe(207);
      expect(mixed.body.accepted?.map((a) => a.index)).toEqual([0]);
      expect(mixed.body.rejected?.map((r) => [r.index, r.errors[0]?.path])).toEqual([
        [1, 'payload.url'],
        [2, 'type'],
      ]);
      expect(allBad.status).toBe(400);
      expect(allBad.body.error?.code).toBe('invalid_events');
    });
  });

  it('scores the journeys, hands the qualified leads off and projects them for analysts', async () => {
    for (const journey of journeys) {
      const result = await postEvents(ingestUrl, API_KEY, journey.events);
      expect(result.status).toBe(202);
      expect(result.body.accepted).toHaveLength(journey.events.length);
    }
    const byLead = new Map(journeys.map((j) => [j.leadId, j]));
    const sql = journeys.filter((j) => j.expected.stage === 'sql').map((j) => j.leadId);
    const mqlOrBetter = journeys.filter((j) => j.expected.stage !== 'lead').map((j) => j.leadId);

    const reached = (records: LifecycleEvent[], ids: string[], type: LifecycleEvent['type']) =>
      ids.every((id) => records.some((r) => r.leadId === id && r.type === type));
    const lifecycle = await testing.collectRecords(
      pipeline.kafka,
      pipeline.codecs.lifecycle,
      (records) => reached(records, mqlOrBetter, 'lead_qualified_mql') && reached(records, sql, 'lead_qualified_sql'),
    );
    const rows = await waitForLeads(pool, [...byLead.keys()], (r) => r.every((row) => row.stage === byLead.get(row.lead_id)?.expected.stage));
    const scores = await testing.collectRecords(pipeline.kafka, pipeline.codecs.scores, (records) =>
      rows.every((row) => latestScore(records, row.lead_id)?.total === row.total),
    );

    for (const journey of journeys) {
      const grade = latestScore(scores, journey.leadId)?.grade;
      expect({ persona: journey.persona, grade }).toEqual({
        persona: journey.persona,
        grade: expect.stringMatching(new RegExp(`^[${journey.expected.grades.join('')}]$`)),
      });
    }
    expect(transitions(lifecycle, 'lead_qualified_mql').sort()).toEqual([...mqlOrBetter].sort());
    expect(transitions(lifecycle, 'lead_qualified_sql')).toEqual(sql);
    expect(new Set(lifecycle.map((e) => e.eventId)).size).toBe(lifecycle.length);
    expect(rows.map((r) => [r.lead_id, r.stage]).sort()).toEqual(journeys.map((j) => [j.leadId, j.expected.stage]).sort());
    for (const row of rows) {
      expect(row.grade).toBe(latestScore(scores, row.lead_id)?.grade);
    }
  });
});

function latestScore(records: LeadScored[], leadId: string): LeadScored | undefined {
  return records
    .filter((r) => r.leadId === leadId)
    .sort((a, b) => a.eventsApplied - b.eventsApplied || a.evaluatedAt - b.evaluatedAt)
    .at(-1);
}

/** The leads with a transition of `type` that still holds: published, and not retracted by a compensating event. */
function transitions(events: LifecycleEvent[], type: LifecycleEvent['type']): string[] {
  const retracted = new Set(
    events.flatMap((e) => (e.type === 'lead_qualification_retracted' || e.type === 'lead_transition_retracted' ? [e.payload.retractedEventId] : [])),
  );
  return events.filter((e) => e.type === type && !retracted.has(e.eventId)).map((e) => e.leadId);
}
