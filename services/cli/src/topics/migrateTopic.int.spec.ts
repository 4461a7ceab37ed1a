import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import { Pool } from 'pg';
import { z } from 'zod';
import {
  commonConfig,
  connectPipeline,
  createLogger,
  createProducer,
  ensureTopics,
  loadConfig,
  MasterKeys,
  migrate,
  readToEnd,
  registerTopicSchema,
  SubjectKeyring,
  subjectKeysMigrations,
  testing,
  type Pipeline,
} from '@leadflow/kit';
import { isSealedField, type AvroSchema, type OutcomeEvent } from '@leadflow/schemas';
import { readDeadLetters } from '../dlq/readDeadLetters';
import { MIGRATION_GROUP, migrateTopic, type MigrationTools } from './migrateTopic';

/** `leads.outcome.v1` as it was registered before the v2 contracts (from the repository's history). */
const OUTCOME_V1 = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'leads.outcome.v1.avsc'), 'utf8')) as AvroSchema;
/** `leads.conversation.v1` likewise: personal fields in plaintext, money as double. */
const CONVERSATION_V1 = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'leads.conversation.v1.avsc'), 'utf8')) as AvroSchema;
const T = 1_780_000_000_000;

/** A v1 outcome as its writer held it (avsc: nullable fields null, the payload union named by branch), and the v2 event it must become. */
function v1Outcome(n: number, leadId: string | null, type: OutcomeEvent['type'], branch: string, payload: Record<string, unknown>) {
  const eventId = `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
  const envelope = { eventId, occurredAt: T + n * 1000, receivedAt: T + n * 1000 + 5, source: 'crm' };
  return {
    avro: { ...envelope, leadId, anonymousId: null, context: null, type, payload: { [`io.leadflow.outcome.${branch}`]: payload } },
    v2: { ...envelope, ...(leadId ? { leadId } : {}), type, payload },
  };
}

describe('leadflow topics migrate: the history of a .v1 input topic, converted to its .v2 contract', () => {
  let run: testing.IsolatedRun;
  let pipeline: Pipeline;
  let pool: Pool;
  let producer: Producer;
  let tools: MigrationTools;
  let v1: string;
  let v2: string;

  beforeAll(async () => {
    run = await testing.isolatedRun('migrate');
    pipeline = await connectPipeline('migrate-test', loadConfig(z.object(commonConfig), run.env), createLogger('migrate-test', 'warn'));
    pool = new Pool({ connectionString: run.databaseUrl, max: 2 });
    await migrate(pool, 'subject-keys', subjectKeysMigrations);
    producer = await createProducer(pipeline.kafka);
    const keyring = new SubjectKeyring(pool, MasterKeys.fromEnvironment(run.env), { cacheTtlMs: 0 });
    tools = { ...pipeline, keyring, producer, namespace: run.namespace, now: () => T + 10_000_000 };
    v1 = `${run.namespace}leads.outcome.v1`;
    v2 = pipeline.codecs.outcome.topicName;
    await ensureTopics(pipeline.kafka, { names: [v1], partitions: 3 });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await pool?.end();
    const admin = pipeline.kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [v1, `${run.namespace}leads.conversation.v1`] }).catch(() => undefined);
    await admin.disconnect();
    await run?.cleanUp();
  });

  const writeV1 = async (records: ReturnType<typeof v1Outcome>[]) => {
    const schemaId = await registerTopicSchema(pipeline.registry, run.registryUrl, v1, OUTCOME_V1);
    const messages = await Promise.all(
      records.map(async (r) => ({ key: r.avro.leadId, value: await pipeline.registry.encode(schemaId, r.avro), headers: { 'leadflow-event-id': r.avro.eventId } })),
    );
    await producer.send({ topic: v1, acks: -1, messages });
    return messages.map((m) => m.value);
  };
  /** The v2 topic: each record's key and value, personal fields opened. */
  const readV2 = async () => {
    const read: { key: string | null; value: unknown; sealed: boolean }[] = [];
    await readToEnd(pipeline.kafka, v2, async (_partition, message) => {
      const decoded = await pipeline.codecs.outcome.decode(message.value);
      if (!decoded.ok) throw decoded.error;
      const personal = Object.entries(decoded.value.payload).filter(([name]) => ['reason', 'by'].includes(name));
      read.push({ key: message.key?.toString() ?? null, value: await testing.openSealedIn(tools.keyring, decoded.value), sealed: personal.every(([, v]) => isSealedField(String(v))) });
    });
    return read.sort((a, b) => String((a.value as { eventId: string }).eventId).localeCompare((b.value as { eventId: string }).eventId));
  };

  it('writes each convertible record once, keyed as before with its event id, personal fields sealed; dead-letters the rest with the reason; a re-run writes only what is new', async () => {
    // prepare: history on v1, one record of which today's contract refuses (money with three decimals)
    const rita = `rita-${run.id}`;
    const rex = `rex-${run.id}`;
    const history = [
      v1Outcome(1, rita, 'lead_contacted', 'LeadContacted', { channel: 'phone', by: 'anna.berg' }),
      v1Outcome(2, rita, 'lead_accepted', 'LeadAccepted', { by: null }),
      v1Outcome(3, rex, 'lead_rejected', 'LeadRejected', { reason: 'no budget until spring' }),
      v1Outcome(4, rita, 'deal_won', 'DealWon', { amount: 12_000.5 }),
      v1Outcome(5, null, 'campaign_cost_recorded', 'CampaignCostRecorded', { campaignId: 'spring', amount: 99.99, currency: 'EUR', from: T - 86_400_000, to: T }),
      v1Outcome(6, rex, 'opportunity_created', 'OpportunityCreated', { amount: 10.125 }),
    ];
    const written = await writeV1(history);

    // act 1
    const first = await migrateTopic(tools, v1, v2);

    // assert 1: five written, one dead-lettered with its reason and original bytes
    expect(first).toEqual({ from: v1, to: v2, read: 6, migrated: 5, alreadyOnTarget: 0, deadLettered: 1, alreadyDeadLettered: 0 });
    const opened = (value: unknown) => `opened:${String(value)}`;
    const expected = history.slice(0, 5).map(({ v2: e }) => {
      const payload = Object.fromEntries(
        Object.entries(e.payload).flatMap(([k, v]) => (v === null ? [] : [[k, ['reason', 'by'].includes(k) ? opened(v) : v]])),
      );
      return { key: e.leadId ?? null, value: { ...e, payload }, sealed: true };
    });
    expect(await readV2()).toEqual(expected);
    const letters = (await readDeadLetters(pipeline.kafka, pipeline.codecs)).filter((l) => l.letter.originalTopic === v1);
    expect(letters).toHaveLength(1);
    expect(letters[0]?.letter).toMatchObject({ consumerGroup: MIGRATION_GROUP, retriable: false, reason: expect.stringMatching(/payload\.amount: must have at most two decimals/) });
    expect(Buffer.from(letters[0]?.letter.value ?? []).equals(written[5] as Buffer)).toBe(true);

    // act 2: more history arrives on v1, and the migration runs again
    const late = v1Outcome(7, rex, 'deal_lost', 'DealLost', { reason: 'chose the incumbent' });
    await writeV1([late]);
    const second = await migrateTopic(tools, v1, v2);

    // assert 2: only the new record written; nothing twice on either topic
    expect(second).toEqual({ from: v1, to: v2, read: 7, migrated: 1, alreadyOnTarget: 5, deadLettered: 0, alreadyDeadLettered: 1 });
    const after = await readV2();
    expect(after).toHaveLength(6);
    expect(after.at(-1)).toEqual({ key: rex, value: { ...late.v2, payload: { reason: opened('chose the incumbent') } }, sealed: true });
    expect((await readDeadLetters(pipeline.kafka, pipeline.codecs)).filter((l) => l.letter.originalTopic === v1)).toHaveLength(1);
  });

  it('seals the plaintext personal fields of conversation history with the subject\'s key, as ingest seals them today', async () => {
    // prepare: a visitor's question and a lead's profile, written under the v1 contract
    const topic = `${run.namespace}leads.conversation.v1`;
    await ensureTopics(pipeline.kafka, { names: [topic], partitions: 3 });
    const schemaId = await registerTopicSchema(pipeline.registry, run.registryUrl, topic, CONVERSATION_V1);
    const visitor = `anon-${run.id}`;
    const lead = `vera-${run.id}`;
    const base = (n: number) => ({ eventId: `00000000-0000-4000-9000-${n.toString().padStart(12, '0')}`, occurredAt: T + n, receivedAt: T + n + 5, source: 'capsule' });
    const question = { ...base(1), context: null, leadId: null, anonymousId: visitor, type: 'question_asked', payload: { 'io.leadflow.conversation.QuestionAsked': { text: 'Does SSO cover our Lisbon office?', topic: 'security', specificity: 0.8 } } };
    const profile = {
      ...base(2),
      context: null,
      leadId: lead,
      anonymousId: null,
      type: 'profile_captured',
      payload: { 'io.leadflow.conversation.ProfileCaptured': { companySize: 800, annualRevenue: 2_500_000.5, industry: null, role: 'Head of Sales Ops', seniority: 'vp', country: 'DE' } },
    };
    const messages = await Promise.all([question, profile].map(async (r) => ({ key: r.leadId ?? r.anonymousId, value: await pipeline.registry.encode(schemaId, r) })));
    await producer.send({ topic, acks: -1, messages });

    // act
    const report = await migrateTopic(tools, topic, pipeline.codecs.conversation.topicName);

    // assert: both written, the personal fields sealed under the visitor's and the lead's keys, the rest as it was
    expect(report).toMatchObject({ read: 2, migrated: 2, deadLettered: 0 });
    const written: { key: string | null; value: unknown }[] = [];
    await readToEnd(pipeline.kafka, pipeline.codecs.conversation.topicName, async (_partition, message) => {
      const decoded = await pipeline.codecs.conversation.decode(message.value);
      if (!decoded.ok) throw decoded.error;
      written.push({ key: message.key?.toString() ?? null, value: decoded.value });
    });
    written.sort((a, b) => String((a.value as { eventId: string }).eventId).localeCompare((b.value as { eventId: string }).eventId));
    const visitorEnvelope = expect.stringMatching(/^lf1\.v\./);
    const leadEnvelope = expect.stringMatching(/^lf1\.l\./);
    expect(written).toEqual([
      { key: visitor, value: { ...base(1), anonymousId: visitor, type: 'question_asked', payload: { text: visitorEnvelope, topic: 'security', specificity: 0.8 } } },
      { key: lead, value: { ...base(2), leadId: lead, type: 'profile_captured', payload: { companySize: 800, annualRevenue: 2_500_000.5, role: leadEnvelope, seniority: 'vp', country: 'DE' } } },
    ]);
    expect(await testing.openSealedIn(tools.keyring, written.map((w) => w.value))).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ text: 'opened:Does SSO cover our Lisbon office?' }) }),
      expect.objectContaining({ payload: expect.objectContaining({ role: 'opened:Head of Sales Ops' }) }),
    ]);
  });

  it('refuses a derived or unknown target, saying why', async () => {
    await expect(migrateTopic(tools, v1, pipeline.codecs.scores.topicName)).rejects.toThrow(/is derived, not a system of record: it is rebuilt by replay/);
    await expect(migrateTopic(tools, v1, `${run.namespace}leads.nowhere.v2`)).rejects.toThrow(/is not a topic of this pipeline/);
    await expect(migrateTopic(tools, `${run.namespace}leads.nothing.v1`, v2)).rejects.toThrow(/no topic .*leads.nothing.v1 on the broker/);
  });
});
