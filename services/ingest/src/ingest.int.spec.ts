import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPipeline, createLogger, loadConfig, testing, type Pipeline } from '@leadflow/kit';
import type { ActivityEvent } from '@leadflow/schemas';
import { ingestConfigSchema } from './config';
import { signWebhook } from './http/verifyWebhookSignature';
import { generateApiKey, hashApiKey, writeKeysFile, type StoredKey } from './keys';
import { startIngest, type RunningIngest } from './startIngest';

const SITE = 'https://www.example.com';
const OLD_SECRET = 'whsec-old-0123456789';
const NEW_SECRET = 'whsec-new-0123456789';

interface Answer {
  status: number;
  headers: Headers;
  body: {
    accepted?: { index: number; eventId: string }[];
    rejected?: { index: number; code: string; errors: { path: string; message: string }[] }[];
    error?: { code: string; message: string; details?: { rejected?: { index: number; code: string; errors: { path: string; message: string }[] }[] } };
  };
}

function storedKey(kind: StoredKey['kind'], source: string, scopes: string[], origins: string[] = []): { key: string; stored: StoredKey } {
  const { key, id } = generateApiKey(kind);
  return { key, stored: { id, hash: hashApiKey(key), source, kind, scopes, origins, createdAt: new Date().toISOString() } };
}

describe('ingest at the edge, on the real Kafka and schema registry', () => {
  let run: testing.IsolatedRun;
  let ingest: RunningIngest;
  let pipeline: Pipeline;
  let dir: string;
  let keysPath: string;
  const web = storedKey('secret', 'web', ['page_viewed', 'content_consumed']);
  const capsule = storedKey('secret', 'capsule', ['page_viewed', 'question_asked']);
  const browser = storedKey('publishable', 'site', ['page_viewed', 'session_started'], [SITE]);
  const revoked = storedKey('secret', 'old', ['page_viewed']);

  const post = async (key: string | undefined, body: unknown, headers: Record<string, string> = {}, path = '/v1/events'): Promise<Answer> => {
    const response = await fetch(`${ingest.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
  };
  const pageView = (anonymousId: string, extra: Record<string, unknown> = {}) => ({
    type: 'page_viewed',
    occurredAt: new Date().toISOString(),
    anonymousId,
    payload: { url: '/pricing' },
    ...extra,
  });
  const engagement = async (): Promise<ActivityEvent[]> => testing.readTopic(pipeline.kafka, pipeline.codecs.engagement);

  beforeAll(async () => {
    run = await testing.isolatedRun('ingest');
    dir = mkdtempSync(join(tmpdir(), 'leadflow-keys-'));
    keysPath = join(dir, 'keys.json');
    writeKeysFile(keysPath, { keys: [web.stored, capsule.stored, browser.stored, revoked.stored] });
    const env = {
      ...run.env,
      INGEST_PORT: '0',
      INGEST_KEYS_FILE: keysPath,
      INGEST_WEBHOOK_SECRETS: `crm:${OLD_SECRET},crm:${NEW_SECRET}`,
    };
    ingest = await startIngest(loadConfig(ingestConfigSchema, env));
    pipeline = await connectPipeline('ingest-test-reader', loadConfig(ingestConfigSchema, env), createLogger('test', 'warn'));
  });

  afterAll(async () => {
    await ingest?.stop();
    await run?.cleanUp();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start without any API key, rather than accept a well-known one', async () => {
    const config = loadConfig(ingestConfigSchema, { ...run.env, INGEST_PORT: '0' });

    await expect(startIngest(config)).rejects.toThrow(/no API keys: create one with `leadflow keys create`/);
  });

  it('refuses a key with more than one colon instead of cutting it', () => {
    expect(() => loadConfig(ingestConfigSchema, { INGEST_API_KEYS: 'dev-key-0123456:web:extra' })).toThrow(/one ':'/);
  });

  describe('media types', () => {
    it.each(['application/json', 'application/JSON', 'application/json; charset=UTF-8'])('takes %s', async (contentType) => {
      const answer = await post(web.key, pageView('v-media'), { 'content-type': contentType });

      expect(answer.status).toBe(202);
    });

    it.each(['application/json-patch+json', 'application/JSON; charset=latin1', '*/*', 'text/plain', 'application/x-www-form-urlencoded'])(
      'answers 415 to %s',
      async (contentType) => {
        const answer = await post(web.key, pageView('v-media'), { 'content-type': contentType });

        expect([answer.status, answer.body.error?.code]).toEqual([415, 'unsupported_media_type']);
      },
    );
  });

  describe('keys: hashed, scoped, revocable, per source', () => {
    it('refuses event types outside the key’s scopes per event, and accepts the rest', async () => {
      const question = { type: 'question_asked', occurredAt: new Date().toISOString(), leadId: 'lead-scope', payload: { text: 'SSO?', topic: 'security', specificity: 0.6 } };

      const mixed = await post(web.key, [pageView('v-scope'), question]);
      const none = await post(web.key, [question]);

      expect(mixed.status).toBe(207);
      expect(mixed.body.rejected?.map((r) => [r.index, r.code, r.errors[0]?.path])).toEqual([[1, 'forbidden_event_type', 'type']]);
      expect([none.status, none.body.error?.code]).toEqual([403, 'forbidden_event_type']);
    });

    it('gives the same client event id from two sources two stored ids, and the same source the same one', async () => {
      const eventId = crypto.randomUUID();

      const fromWeb = await post(web.key, pageView('v-ids', { eventId }));
      const fromCapsule = await post(capsule.key, pageView('v-ids', { eventId }));
      const again = await post(web.key, pageView('v-ids', { eventId }));

      const ids = [fromWeb, fromCapsule, again].map((a) => a.body.accepted?.[0]?.eventId);
      expect(ids[0]).not.toBe(eventId);
      expect(ids[0]).not.toBe(ids[1]);
      expect(ids[2]).toBe(ids[0]);
      const stored = (await engagement()).filter((e) => e.anonymousId === 'v-ids');
      expect(new Set(stored.map((e) => `${e.source} ${e.eventId}`))).toEqual(new Set([`web ${ids[0]}`, `capsule ${ids[1]}`]));
    });

    it('stops taking a key within seconds of its revocation in the keys file', async () => {
      expect((await post(revoked.key, pageView('v-revoke'))).status).toBe(202);

      writeKeysFile(keysPath, { keys: [web.stored, capsule.stored, browser.stored, { ...revoked.stored, revokedAt: new Date().toISOString() }] });
      let answer = await post(revoked.key, pageView('v-revoke'));
      for (let i = 0; i < 40 && answer.status !== 401; i++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        answer = await post(revoked.key, pageView('v-revoke'));
      }

      expect([answer.status, answer.body.error?.code]).toEqual([401, 'invalid_api_key']);
    });
  });

  describe('browser keys', () => {
    it('answers the CORS preflight for an allowed origin only', async () => {
      const preflight = (origin: string) =>
        fetch(`${ingest.url}/v1/events`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' } });

      const allowed = await preflight(SITE);
      const other = await preflight('https://evil.example');

      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(SITE);
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/x-api-key/);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('takes anonymous web activity from an allowed origin, with CORS headers', async () => {
      const answer = await post(browser.key, pageView('v-browser'), { origin: SITE });

      expect(answer.status).toBe(202);
      expect(answer.headers.get('access-control-allow-origin')).toBe(SITE);
    });

    it('refuses another origin, no origin, a lead id, and types beyond anonymous activity', async () => {
      const otherOrigin = await post(browser.key, pageView('v-browser'), { origin: 'https://evil.example' });
      const noOrigin = await post(browser.key, pageView('v-browser'));
      const withLead = await post(browser.key, { ...pageView('v-browser'), leadId: 'lead-1' }, { origin: SITE });
      const demo = await post(browser.key, { type: 'demo_requested', occurredAt: new Date().toISOString(), anonymousId: 'v-browser', payload: {} }, { origin: SITE });

      expect([otherOrigin.status, otherOrigin.body.error?.code]).toEqual([403, 'origin_not_allowed']);
      expect([noOrigin.status, noOrigin.body.error?.code]).toEqual([403, 'origin_required']);
      expect([withLead.status, withLead.body.error?.code]).toEqual([403, 'forbidden_subject']);
      expect([demo.status, demo.body.error?.code]).toEqual([403, 'forbidden_event_type']);
    });

    it('refuses a secret key sent from a web page', async () => {
      const answer = await post(web.key, pageView('v-leak'), { origin: SITE });

      expect([answer.status, answer.body.error?.code]).toEqual([403, 'secret_key_in_browser']);
    });
  });

  describe('idempotent retries', () => {
    it('stores a retried request under the same ids when it carries the same Idempotency-Key', async () => {
      const batch = [pageView('v-retry'), pageView('v-retry', { payload: { url: '/docs' } })];
      const idempotencyKey = `order-${crypto.randomUUID()}`;

      const first = await post(web.key, batch, { 'idempotency-key': idempotencyKey });
      const retry = await post(web.key, batch, { 'idempotency-key': idempotencyKey });
      const unkeyed = await post(web.key, batch);

      expect(retry.body.accepted).toEqual(first.body.accepted);
      expect(unkeyed.body.accepted?.[0]?.eventId).not.toBe(first.body.accepted?.[0]?.eventId);
      const stored = (await engagement()).filter((e) => e.anonymousId === 'v-retry');
      expect(new Set(stored.map((e) => e.eventId)).size).toBe(4);
    });

    it('refuses an Idempotency-Key that is not visible ASCII', async () => {
      const answer = await post(web.key, pageView('v-retry'), { 'idempotency-key': 'a b' });

      expect([answer.status, answer.body.error?.code]).toEqual([400, 'invalid_idempotency_key']);
    });
  });

  describe('signed webhooks', () => {
    const outcome = { type: 'lead_contacted', leadId: 'lead-hook', occurredAt: new Date().toISOString(), payload: { channel: 'phone', by: 'anna' } };
    const signedPost = (secret: string, raw: string) =>
      post(undefined, raw, { 'x-leadflow-source': 'crm', 'leadflow-signature': signWebhook(secret, Math.floor(Date.now() / 1000), raw) }, '/v1/outcomes');

    it('takes either of a source’s two secrets while one replaces the other', async () => {
      const raw = JSON.stringify(outcome);

      const byOld = await signedPost(OLD_SECRET, raw);
      const byNew = await signedPost(NEW_SECRET, raw);
      const byOther = await signedPost('whsec-other-0123456789', raw);

      expect([byOld.status, byNew.status]).toEqual([202, 202]);
      expect(byNew.body.accepted).toEqual(byOld.body.accepted);
      expect([byOther.status, byOther.body.error?.code]).toEqual([401, 'invalid_signature']);
    });
  });

  describe('edge validation with the consumers’ rules', () => {
    it('refuses event times before 1970 or beyond scoring’s horizon, and e-mail addresses as ids, with the path', async () => {
      const longAgo = new Date(Date.now() - 400 * 86_400_000).toISOString();
      const answer = await post(web.key, [pageView('v-edge', { occurredAt: '1969-07-20T20:17:00Z' }), pageView('ann@example.com'), pageView('v-edge', { occurredAt: longAgo })]);

      expect(answer.status).toBe(400);
      expect(answer.body.error?.details?.rejected?.map((r) => r.errors[0]?.path)).toEqual(['occurredAt', 'anonymousId', 'occurredAt']);
      expect(answer.body.error?.details?.rejected?.[2]?.errors[0]?.message).toMatch(/more than 365 days in the past/);
    });

    it('answers prototype-poisoning JSON with 400, never 5xx', async () => {
      const answer = await post(web.key, '{"type":"page_viewed","__proto__":{"admin":true}}');

      expect([answer.status, answer.body.error?.code]).toEqual([400, 'malformed_json']);
    });
  });

  describe('tracked links', () => {
    const createLink = (key: string, body: unknown) => post(key, body, {}, '/v1/links');
    const open = (path: string, cookie?: string) => fetch(`${ingest.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

    it('creates a short link that redirects and emits link_opened with the campaign and the visitor cookie', async () => {
      const created = await createLink(web.key, { campaign: 'spring-🌱', source: 'newsletter', medium: 'email', variant: 'b', targetUrl: 'https://www.example.com/pricing?x=1' });
      const { code, url } = created.body as { code: string; url: string };

      const first = await open(`/l/${code}`);
      const visitor = /lf_vid=(v-[0-9a-f-]+)/.exec(first.headers.get('set-cookie') ?? '')?.[1];
      const again = await open(`/l/${code}`, `other=1; lf_vid=${visitor}`);

      expect(created.status).toBe(201);
      expect(url).toBe(`${ingest.url}/l/${code}`);
      expect([first.status, first.headers.get('location')]).toEqual([302, 'https://www.example.com/pricing?x=1']);
      expect(visitor).toBeDefined();
      expect([again.status, again.headers.get('set-cookie')]).toEqual([302, null]);
      const opened = (await engagement()).filter((e) => e.type === 'link_opened' && e.context?.linkId === code);
      expect(opened.map((e) => e.anonymousId)).toEqual([visitor, visitor]);
      expect(opened[0]?.context).toMatchObject({ campaignId: 'spring-🌱', utmSource: 'newsletter', utmMedium: 'email', variant: 'b' });
      expect(opened[0]?.payload).toEqual({ linkId: code });
    });

    it('answers 404 to unknown codes, and refuses targets that are not http(s) and browser keys', async () => {
      const ftp = await createLink(web.key, { campaign: 'c', source: 's', medium: 'm', targetUrl: 'javascript:alert(1)' });
      const fromBrowser = await createLink(browser.key, { campaign: 'c', source: 's', medium: 'm', targetUrl: 'https://www.example.com' });

      expect((await open('/l/zzzzzzzz')).status).toBe(404);
      expect((await open('/l/..%2Fetc')).status).toBe(404);
      expect([ftp.status, ftp.body.error?.code]).toEqual([400, 'invalid_link']);
      expect(fromBrowser.status).toBe(403);
    });
  });

  describe('the OpenAPI document', () => {
    interface Operation {
      responses: Record<string, unknown>;
      requestBody?: { content: { 'application/json': { schema: { oneOf: { oneOf: { $ref: string }[] }[] } } } };
    }
    let document: { openapi: string; paths: Record<string, Record<string, Operation>> };

    beforeAll(async () => {
      document = (await (await fetch(`${ingest.url}/openapi.json`)).json()) as typeof document;
    });

    it('describes every live route, each answering only with a documented status', async () => {
      const answers: [string, string, number, string[]][] = [];
      for (const [path, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          const response = await fetch(`${ingest.url}${path}`, {
            method: method.toUpperCase(),
            headers: method === 'post' ? { 'content-type': 'application/json', 'x-api-key': web.key } : {},
            ...(method === 'post' ? { body: JSON.stringify(pageView('v-openapi')) } : {}),
          });
          answers.push([method, path, response.status, Object.keys(operation.responses)]);
        }
      }

      expect(document.openapi).toBe('3.1.0');
      expect(answers.filter(([, , status, documented]) => !documented.includes(String(status)))).toEqual([]);
      expect(answers.map(([method, path]) => `${method} ${path}`).sort()).toEqual(
        ['get /health/live', 'get /health/ready', 'get /l/{code}', 'get /v1/leads/{leadId}/contact', 'post /v1/erasures', 'get /metrics', 'get /openapi.json', 'options /v1/events', 'post /v1/events', 'post /v1/links', 'post /v1/outcomes'].sort(),
      );
    });

    it('lists exactly the event types each endpoint takes', async () => {
      const typesOf = (path: string) =>
        (document.paths[path]?.post?.requestBody?.content['application/json'].schema.oneOf[0]?.oneOf ?? []).map((ref) => ref.$ref.replace('#/components/schemas/Posted_', ''));
      const documented = typesOf('/v1/events');
      const probe = await post(capsule.key, [...documented, 'not_a_type'].map((type) => ({ type, occurredAt: new Date().toISOString(), anonymousId: 'v-openapi', payload: {} })));
      const rejected = probe.body.rejected ?? probe.body.error?.details?.rejected ?? [];

      expect(documented.length).toBe(17);
      expect(typesOf('/v1/outcomes')).toEqual(expect.arrayContaining(['lead_contacted', 'campaign_cost_recorded']));
      expect(rejected.filter((r) => r.errors.some((e) => /unknown event type/.test(e.message))).map((r) => r.index)).toEqual([documented.length]);
    });
  });

  it('reports ready, and counts requests and events under the agreed metric names', async () => {
    const ready = await fetch(`${ingest.url}/health/ready`);
    const metrics = await (await fetch(`${ingest.url}/metrics`)).text();

    expect(ready.status).toBe(200);
    expect(metrics).toMatch(/leadflow_ingest_events_total\{source="web",outcome="accepted",reason=""\} \d+/);
    expect(metrics).toMatch(/leadflow_ingest_events_total\{source="web",outcome="refused",reason="forbidden_event_type"\} \d+/);
    expect(metrics).toMatch(/leadflow_ingest_requests_total\{route="\/v1\/events",status="415"\} \d+/);
    expect(metrics).toMatch(/leadflow_ingest_inflight_bytes 0/);
    expect(metrics).toMatch(/leadflow_ingest_inflight_events 0/);
  });
});
