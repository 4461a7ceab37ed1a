import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import type { Pool } from 'pg';
import { MasterKeys, SubjectKeyring, parseSealedField, testing } from '@leadflow/kit';
import { isSealedField, topics, type LifecycleEvent } from '@leadflow/schemas';
import { waitForLeads } from './demo/readLeadCurrent';
import { createKey } from './keys/manageKeys';
import { registerPrivacyCommands } from './privacy/privacyCommands';
import { postEvents } from './simulate/postEvents';
import { postOutcomes } from './simulate/postOutcomes';
import { sampleJourneys, type PostedEventBody } from './simulate/sampleJourneys';
import { startPipelineUnderTest, type PipelineUnderTest } from './testing/startPipelineUnderTest';

const API_KEY = 'e2e-personal-key-0001';
const CRM = { source: 'crm', secret: 'whsec-personal-0123456789' };

/** Vera's journey, with personal strings nobody else could have written, and a visit before she identified. */
function veraWithSecrets(leadId: string, visitorId: string, secret: (what: string) => string): PostedEventBody[] {
  const vera = sampleJourneys(Date.now())[0]!.events;
  const t = Date.now();
  const at = (i: number) => new Date(t - (vera.length + 3 - i) * 50).toISOString();
  const personal = (e: PostedEventBody): PostedEventBody => {
    const payload = { ...(e.payload as Record<string, unknown>) };
    if (e.type === 'question_asked') payload.text = secret(`question ${String(payload.topic)}`);
    if (e.type === 'profile_captured') payload.role = secret('profile role');
    if (e.type === 'qualification_captured') {
      const value = { ...(payload.value as Record<string, unknown>) };
      if (value.role !== undefined) value.role = secret('bant role');
      if (value.painPoints !== undefined) value.painPoints = [secret('pain point')];
      payload.value = value;
    }
    return { ...e, payload };
  };
  return [
    { type: 'question_asked', eventId: crypto.randomUUID(), anonymousId: visitorId, occurredAt: at(0), payload: { text: secret('visitor question'), topic: 'security', specificity: 0.6 } },
    {
      type: 'lead_identified',
      eventId: crypto.randomUUID(),
      occurredAt: at(1),
      payload: { anonymousId: visitorId, leadId, email: `${secret('mail').replace(/\W/g, '')}@example.com`, name: secret('name'), company: secret('company') },
    },
    ...vera.map((e, i) => ({ ...personal(e), leadId, eventId: crypto.randomUUID(), occurredAt: at(i + 2) })),
  ];
}

/** Every row of every table of every schema, as text. */
async function dumpDatabase(pool: Pool): Promise<string[]> {
  const { rows: tables } = await pool.query<{ schema: string; name: string }>(
    `select table_schema as schema, table_name as name from information_schema.tables
      where table_schema not in ('pg_catalog', 'information_schema') and table_type in ('BASE TABLE', 'VIEW')`,
  );
  const dump: string[] = [];
  for (const { schema, name } of tables) {
    const { rows } = await pool.query<{ row: string }>(`select t::text as row from "${schema}"."${name}" t`);
    dump.push(...rows.map((r) => `${schema}.${name}: ${r.row}`));
  }
  return dump;
}

describe('personal data, end to end: sealed everywhere, opened only through the CRM path, erased for good', () => {
  let under: PipelineUnderTest;
  let keysDir: string;
  let crmKey: string;
  let privacyKey: string;
  let env: Record<string, string>;
  const secrets: string[] = [];
  const secret = (what: string) => {
    const value = `zq-${what}-${crypto.randomUUID().slice(0, 8)}`;
    secrets.push(what === 'mail' ? value.replace(/\W/g, '') : value);
    return value;
  };

  beforeAll(async () => {
    keysDir = mkdtempSync(join(tmpdir(), 'leadflow-crm-key-'));
    const keysFile = join(keysDir, 'keys.json');
    crmKey = createKey({ file: keysFile, source: 'crm', scopes: 'contact:read', publishable: false }).key;
    privacyKey = createKey({ file: keysFile, source: 'privacy-desk', scopes: 'erasure', publishable: false }).key;
    under = await startPipelineUnderTest('personal', { INGEST_API_KEYS: `${API_KEY}:e2e`, INGEST_KEYS_FILE: keysFile, INGEST_WEBHOOK_SECRETS: `${CRM.source}:${CRM.secret}` });
    env = { ...under.run.env };
  });
  afterAll(async () => {
    await under?.stop();
    rmSync(keysDir, { recursive: true, force: true });
  });

  const contact = (leadId: string, key: string) => fetch(`${under.ingestUrl}/v1/leads/${leadId}/contact`, { headers: { 'x-api-key': key } });
  const rawTopics = async () => {
    const values: string[] = [];
    for (const topic of Object.values(topics)) {
      const raw = await testing.readRawValues(under.pipeline.kafka, `${under.run.namespace}${topic.name}`);
      values.push(...raw.map((v) => `${topic.name}: ${v.toString('latin1')}`), ...raw.map((v) => `${topic.name}: ${v.toString('utf8')}`));
    }
    return values;
  };
  const holding = (texts: string[]) => texts.filter((text) => secrets.some((s) => text.includes(s)));
  const cli = async (...args: string[]): Promise<string> => {
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
    try {
      const program = new Command().exitOverride();
      registerPrivacyCommands(program, env);
      await program.parseAsync(['node', 'leadflow', ...args]);
    } finally {
      log.mockRestore();
    }
    return printed.join('\n');
  };
  const funnel = async () =>
    (await under.pool.query<{ stage: string; n: number }>('select stage, count(*)::int as n from analytics.lead_current group by stage order by stage')).rows.concat(
      (await under.pool.query<{ stage: string; n: number }>("select 'transitions' as stage, count(*)::int as n from analytics.lead_transitions")).rows,
    );

  it('keeps every personal string out of every topic and table, gives it to the CRM through the contact path, and forgets it on erasure', async () => {
    // prepare: Vera, a visitor first, identifies, asks, answers BANT and asks for a demo
    const leadId = `vera-${under.run.id}`;
    const visitorId = `anon-${under.run.id}`;
    const events = veraWithSecrets(leadId, visitorId, secret);
    const posted = await postEvents(under.ingestUrl, API_KEY, events);
    expect(posted.status).toBe(202);

    // act 1: the pipeline hands her off to sales
    // the SQL waits for the settling window (30 s of event time) to pass on the lead's partitions
    const handedOff = await testing.collectRecords(
      under.pipeline.kafka,
      under.pipeline.codecs.lifecycle,
      (records) => records.some((r) => r.leadId === leadId && r.type === 'lead_qualified_sql'),
      90_000,
    );
    await waitForLeads(under.pool, [leadId], (rows) => rows[0]?.stage === 'sql');
    const sql = handedOff.find((r): r is Extract<LifecycleEvent, { type: 'lead_qualified_sql' }> => r.leadId === leadId && r.type === 'lead_qualified_sql')!;
    // sales works the lead in the CRM and writes free text: who called, who accepted, why the deal was lost;
    // a rejection of a lead sales never received is refused, to the dead-letter topic
    const crmAt = (minutes: number) => new Date(sql.occurredAt + minutes * 60_000).toISOString();
    const crm = (type: string, minutes: number, payload: Record<string, unknown>, lead = leadId) => ({ type, eventId: crypto.randomUUID(), leadId: lead, occurredAt: crmAt(minutes), payload });
    const outcomes = await postOutcomes(under.ingestUrl, CRM.source, CRM.secret, [
      crm('lead_contacted', 1, { channel: 'phone', by: secret('rep who called') }),
      crm('lead_accepted', 2, { by: secret('rep who accepted') }),
      crm('opportunity_created', 3, { amount: 18_000 }),
      crm('deal_lost', 4, { reason: secret('loss reason') }),
      crm('lead_rejected', 1, { reason: secret('refused rejection reason') }, `stranger-${under.run.id}`),
    ]);
    expect(outcomes.status).toBe(202);
    await testing.collectRecords(under.pipeline.kafka, under.pipeline.codecs.lifecycle, (records) => records.some((r) => r.leadId === leadId && r.type === 'deal_lost'), 60_000);
    await waitForLeads(under.pool, [leadId], (rows) => rows[0]?.stage === 'lost');

    // assert 1: nothing in clear anywhere, the hand-off carries envelopes
    expect(secrets.length).toBeGreaterThanOrEqual(13);
    expect(holding(await rawTopics())).toEqual([]);
    const dump = await dumpDatabase(under.pool);
    expect(dump.some((row) => row.startsWith('public.lead_score_state') && row.includes('lf1.l.'))).toBe(true);
    expect(holding(dump)).toEqual([]);
    expect(sql.payload.context?.questions.length).toBeGreaterThanOrEqual(2);
    expect(sql.payload.context?.questions.every((q) => isSealedField(q.text))).toBe(true);

    // assert 2: the CRM reads the SQL from the topic and gets the contact details through the documented path
    const forbidden = await contact(leadId, API_KEY);
    expect(forbidden.status).toBe(403);
    expect((await contact(`nobody-${under.run.id}`, crmKey)).status).toBe(404);
    const details = await contact(sql.leadId, crmKey);
    expect(details.status).toBe(200);
    const body = (await details.json()) as { email: string; name: string; company: string; role: string; questions: { text: string }[]; bant: { role?: string; painPoints?: string[] }[] };
    const own = (what: string) => secrets.find((s) => s.includes(`-${what}-`) || (what === 'mail' && s.startsWith('zqmail')));
    expect(body).toMatchObject({ leadId, email: `${own('mail')}@example.com`, name: own('name'), company: own('company'), role: own('profile role') });
    const questions = body.questions.map((q) => q.text);
    expect(questions).toEqual(expect.arrayContaining(secrets.filter((s) => s.includes('-question '))));
    expect(questions.every((q) => secrets.includes(q) && q.includes('question'))).toBe(true);
    expect(body.bant.flatMap((b) => [b.role, ...(b.painPoints ?? [])]).filter(Boolean).sort()).toEqual([own('bant role'), own('pain point')].sort());
    const exported = JSON.parse(await cli('export', leadId)) as { erased: boolean; contact?: { email?: string }; visitors: string[]; keys: unknown[]; outcomes: unknown[] };
    expect(exported).toMatchObject({ erased: false, contact: { email: `${own('mail')}@example.com` }, visitors: [visitorId] });
    expect(exported.outcomes).toEqual([
      expect.objectContaining({ type: 'lead_contacted', payload: { channel: 'phone', by: own('rep who called') } }),
      expect.objectContaining({ type: 'lead_accepted', payload: { by: own('rep who accepted') } }),
      expect.objectContaining({ type: 'opportunity_created', payload: { amount: 18_000 } }),
      expect.objectContaining({ type: 'deal_lost', payload: { reason: own('loss reason') } }),
    ]);
    expect(exported.keys).toHaveLength(2);
    const funnelBefore = await funnel();

    // act 2: the person asks to be forgotten; the erasure is run again through the API (as after a crash)
    const erased = await cli('erase', leadId);
    const erasure = (body: unknown, key: string) =>
      fetch(`${under.ingestUrl}/v1/erasures`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify(body) });
    expect((await erasure({ leadId }, crmKey)).status).toBe(403);
    const again = await erasure({ leadId }, privacyKey);

    // assert 3: lead_erased published once per id, keys gone, the contact path says gone, export shows nothing personal
    expect(erased).toMatch(/2 data keys destroyed \(lead and 1 visitors\)/);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ leadId, keysErased: 0, visitorsErased: 1 });
    const lifecycle = await testing.collectRecords(under.pipeline.kafka, under.pipeline.codecs.lifecycle, (records) => records.some((r) => r.leadId === leadId && r.type === 'lead_erased'));
    const erasures = lifecycle.filter((r) => r.leadId === leadId && r.type === 'lead_erased');
    expect(new Set(erasures.map((e) => e.eventId)).size).toBe(1);
    expect(erasures[0]?.payload).toEqual({ visitorsErased: 1 });
    const { rows: keys } = await under.pool.query('select subject from subject_keys where subject = any($1)', [[`lead:${leadId}`, `visitor:${visitorId}`]]);
    expect(keys).toEqual([]);
    expect((await contact(leadId, crmKey)).status).toBe(410);
    const afterExport = await cli('export', leadId);
    expect(JSON.parse(afterExport)).toMatchObject({ leadId, erased: true, keys: [] });
    expect(JSON.parse(afterExport).outcomes.map((o: { type: string; payload: object }) => [o.type, Object.keys(o.payload)])).toEqual([
      ['lead_contacted', ['channel']],
      ['lead_accepted', []],
      ['opportunity_created', ['amount']],
      ['deal_lost', []],
    ]);
    expect(JSON.parse(afterExport).contact).toBeUndefined();
    expect(holding([afterExport])).toEqual([]);

    // assert 4: the strings are unrecoverable: not in clear anywhere, and no envelope of hers opens any more
    expect(holding(await rawTopics())).toEqual([]);
    expect(holding(await dumpDatabase(under.pool))).toEqual([]);
    const keyring = new SubjectKeyring(under.pool, MasterKeys.fromEnvironment(env), { cacheTtlMs: 0 });
    const envelopes = (await rawTopics()).flatMap((text) => text.match(/lf1\.[lv]\.[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}/g) ?? []);
    const hers = envelopes.filter((e) => [leadId, visitorId].includes(parseSealedField(e)?.subject.id ?? ''));
    expect(hers.length).toBeGreaterThan(0);
    const opened = await Promise.all(hers.map((e) => keyring.open('question_asked.text', e)));
    expect(opened.every((o) => o.status === 'erased')).toBe(true);

    // assert 5: the funnel counts are those before the erasure
    await waitForLeads(under.pool, [leadId], (rows) => rows[0]?.stage === 'lost');
    expect(await funnel()).toEqual(funnelBefore);
  }, 240_000);

  it('still disqualifies a lead identified at a competitor, naming the competitor as the model does, never as the person wrote it', async () => {
    const leadId = `rival-${under.run.id}`;
    const posted = await postEvents(under.ingestUrl, API_KEY, [
      { type: 'lead_identified', eventId: crypto.randomUUID(), occurredAt: new Date().toISOString(), payload: { anonymousId: `anon-${leadId}`, leadId, company: '  sCoReRiVaL ' } },
    ]);
    expect(posted.status).toBe(202);
    const scores = await testing.collectRecords(under.pipeline.kafka, under.pipeline.codecs.scores, (records) => records.some((r) => r.leadId === leadId));
    expect(scores.find((r) => r.leadId === leadId)?.signals.disqualifiedBy).toBe('competitor company ScoreRival');
    const stored = await testing.waitFor(
      'the rival lead stored by scoring',
      async () => (await under.pool.query<{ state: string }>('select state::text || history::text as state from lead_score_state where lead_id = $1', [leadId])).rows[0]?.state,
      (state) => state !== undefined,
    );
    expect(stored).toMatch(/ScoreRival/);
    expect(stored).not.toMatch(/sCoReRiVaL/);
  });
});
