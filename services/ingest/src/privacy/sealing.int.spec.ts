import { connectPipeline, createLogger, loadConfig, testing, type Pipeline } from '@leadflow/kit';
import { ingestConfigSchema } from '../config';
import { startIngest, type RunningIngest } from '../startIngest';

describe('ingest seals personal fields before they reach Kafka', () => {
  const API_KEY = 'sealing-test-key-0001';
  let run: testing.IsolatedRun;
  let proxy: testing.TcpProxy;
  let ingest: RunningIngest;
  let pipeline: Pipeline;

  beforeAll(async () => {
    run = await testing.isolatedRun('sealing');
    // Postgres reached through a proxy that the test can cut.
    const db = new URL(run.databaseUrl);
    proxy = await testing.startTcpProxy({ host: db.hostname, port: Number(db.port || 5432) });
    const proxied = new URL(run.databaseUrl);
    proxied.port = String(proxy.port);
    const env = { ...run.env, DATABASE_URL: proxied.toString(), INGEST_PORT: '0', INGEST_API_KEYS: `${API_KEY}:web`, INGEST_ACK_TIMEOUT_MS: '1500' };
    ingest = await startIngest(loadConfig(ingestConfigSchema, env));
    pipeline = await connectPipeline('sealing-reader', loadConfig(ingestConfigSchema, run.env), createLogger('test', 'warn'));
  });
  afterAll(async () => {
    await ingest?.stop();
    await proxy?.close();
    await run?.cleanUp();
  });

  const post = (events: unknown[]) =>
    fetch(`${ingest.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': API_KEY }, body: JSON.stringify(events) });
  const identified = (leadId: string, anonymousId: string) => ({
    type: 'lead_identified',
    occurredAt: new Date().toISOString(),
    payload: { leadId, anonymousId, email: `${leadId}@secret-mail.example`, name: `Name of ${leadId}`, company: `Company of ${leadId}` },
  });
  const question = (anonymousId: string) => ({ type: 'question_asked', occurredAt: new Date().toISOString(), anonymousId, payload: { text: `secret question of ${anonymousId}`, topic: 'pricing', specificity: 0.7 } });
  const qualification = (leadId: string) => ({
    type: 'qualification_captured',
    occurredAt: new Date().toISOString(),
    leadId,
    payload: { dimension: 'need', value: { painPoints: ['secret pain one', 'secret pain two'], role: 'secret role', priority: 'high' }, confidence: 0.9 },
  });

  it('puts envelopes on the topics, never the plaintext, and seals under the lead or the visitor', async () => {
    // act
    const response = await post([identified('lead-seal-1', 'anon-seal-1'), question('anon-seal-2'), qualification('lead-seal-1')]);
    // assert
    expect(response.status).toBe(202);
    const raw = [
      ...(await testing.readRawValues(pipeline.kafka, pipeline.codecs.identity.topicName)),
      ...(await testing.readRawValues(pipeline.kafka, pipeline.codecs.conversation.topicName)),
    ].map((value) => value.toString('latin1'));
    expect(raw).toHaveLength(3);
    for (const secret of ['secret-mail', 'Name of', 'Company of', 'secret question', 'secret pain', 'secret role']) {
      expect(raw.filter((value) => value.includes(secret))).toEqual([]);
    }
    const conversation = await testing.readTopic(pipeline.kafka, pipeline.codecs.conversation);
    const asked = conversation.find((e) => e.type === 'question_asked')!;
    expect((asked.payload as { text: string }).text).toMatch(/^lf1\.v\./);
    const need = conversation.find((e) => e.type === 'qualification_captured')!;
    expect((need.payload as { value: { painPoints: string[] } }).value.painPoints).toEqual([expect.stringMatching(/^lf1\.l\./), expect.stringMatching(/^lf1\.l\./)]);
  });

  it('answers 503 with Retry-After while Postgres is away for events that need a new key, and keeps taking those whose key it holds', async () => {
    // prepare: the key of lead-seal-1 is cached since the first test
    proxy.pause();
    try {
      // act
      const known = await post([qualification('lead-seal-1')]);
      const unknown = await post([identified('lead-seal-new', 'anon-seal-new')]);
      const notPersonal = await post([{ type: 'page_viewed', occurredAt: new Date().toISOString(), anonymousId: 'anon-x', payload: { url: '/' } }]);
      // assert
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(503);
      expect(unknown.headers.get('retry-after')).toBe('2');
      expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('keys_unavailable');
      expect(notPersonal.status).toBe(202);
    } finally {
      proxy.resume();
    }
  });
});
