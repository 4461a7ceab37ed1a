import { Pool } from 'pg';
import { z } from 'zod';
import {
  commonConfig,
  connectPipeline,
  consumerOffsetsMigration,
  createLogger,
  drainOutbox,
  leadSubject,
  loadConfig,
  MasterKeys,
  migrate,
  outboxMigration,
  SubjectKeyring,
  subjectKeysMigrations,
  testing,
  type Pipeline,
} from '@leadflow/kit';
import { lockLeads } from '../db/lockLeads';
import { handoffMigrations } from '../db/handoffMigrations';
import type { LeadEvent } from '../domain/leadEvent';
import { appendToStreams, eventStoreMigration, readStreams, streamIdOf } from '../eventStore';
import { handoffOutbox } from '../handoffOutbox';
import { eraseLead, type ErasureDeps } from './eraseLead';
import { HandoffStoreMissing } from './HandoffStoreMissing';

const logger = createLogger('erasure-test', 'error');

describe('erasure through hand-off: one transaction under the lead lock, published by the hand-off outbox relay', () => {
  let run: testing.IsolatedRun;
  let pool: Pool;
  let pipeline: Pipeline;
  let deps: ErasureDeps;
  let keyring: SubjectKeyring;

  beforeAll(async () => {
    run = await testing.isolatedRun('erasure');
    pool = new Pool({ connectionString: run.databaseUrl, max: 4 });
    pipeline = await connectPipeline('erasure-test', loadConfig(z.object(commonConfig), run.env), logger);
    deps = { outbox: handoffOutbox(run.namespace), lifecycle: pipeline.codecs.lifecycle };
    await migrate(pool, 'subject-keys', subjectKeysMigrations);
    keyring = new SubjectKeyring(pool, MasterKeys.fromEnvironment(run.env), { cacheTtlMs: 0 });
  });

  afterAll(async () => {
    await pool?.end();
    await run?.cleanUp();
  });

  const outboxRows = async () =>
    (await pool.query<{ relay: string; event_id: string }>("select relay, headers->>'leadflow-event-id' as event_id from public.outbox order by position")).rows;
  const streamOf = async (leadId: string) => {
    const client = await pool.connect();
    try {
      return (await readStreams<LeadEvent>(client, [streamIdOf(leadId)])).get(streamIdOf(leadId)) ?? [];
    } finally {
      client.release();
    }
  };
  const keysOf = async (leadId: string) => (await pool.query('select 1 from subject_keys where subject = $1', [`lead:${leadId}`])).rowCount;

  it('refuses clearly, and retriably, while hand-off has not created its event store and outbox', async () => {
    const leadId = `early-${run.id}`;
    await expect(eraseLead(pool, deps, leadId, Date.now())).rejects.toThrow(HandoffStoreMissing);
    await expect(eraseLead(pool, deps, leadId, Date.now())).rejects.toMatchObject({ retriable: true, message: expect.stringMatching(/start hand-off once/) });
  });

  it('leaves nothing after a crash before the commit, completes once when run again, and is published once by the relay', async () => {
    // prepare: hand-off's tables; a lead with a data key; the first attempt dies at its last write
    await migrate(pool, 'handoff', [consumerOffsetsMigration, outboxMigration, eventStoreMigration, ...handoffMigrations]);
    const leadId = `erased-${run.id}`;
    await keyring.seal(leadSubject(leadId), 'lead_identified.email', 'someone@example.com');
    await pool.query(`create function fail_outbox() returns trigger language plpgsql as $$ begin raise exception 'crashed before the commit'; end $$;
                      create trigger fail_outbox before insert on public.outbox for each row execute function fail_outbox()`);
    // act 1: the crash
    await expect(eraseLead(pool, deps, leadId, Date.now())).rejects.toThrow('crashed before the commit');
    // assert 1: nothing of it stayed, not even the destroyed key
    expect(await keysOf(leadId)).toBe(1);
    expect(await streamOf(leadId)).toEqual([]);
    expect(await outboxRows()).toEqual([]);

    // act 2: run again, then once more
    await pool.query('drop trigger fail_outbox on public.outbox');
    const first = await eraseLead(pool, deps, leadId, Date.now());
    const second = await eraseLead(pool, deps, leadId, Date.now() + 1_000);
    // assert 2: keys gone once, one event on the stream and in hand-off's outbox, the same id both times
    expect(first).toMatchObject({ keysErased: 1, appended: true });
    expect(second).toMatchObject({ keysErased: 0, appended: false, event: first.event });
    expect(await keysOf(leadId)).toBe(0);
    expect((await streamOf(leadId)).map((s) => s.event.eventId)).toEqual([first.event.eventId]);
    expect(await outboxRows()).toEqual([{ relay: `${run.namespace}handoff`, event_id: first.event.eventId }]);

    // act 3: hand-off's relay runs (a one-shot one, as `leadflow erase` starts when no hand-off does)
    const waiting = await drainOutbox({ kafka: pipeline.kafka, pool, outbox: deps.outbox, namespace: run.namespace, logger, timeoutMs: 30_000 });
    // assert 3: published once, outbox empty
    expect(waiting).toBe(0);
    expect(await outboxRows()).toEqual([]);
    // the commit's markers are written after it returns: read once they are, then all there is
    await testing.collectRecords(pipeline.kafka, pipeline.codecs.lifecycle, (records) => records.some((r) => r.leadId === leadId));
    const published = (await testing.readTopic(pipeline.kafka, pipeline.codecs.lifecycle)).filter((r) => r.leadId === leadId);
    expect(published).toEqual([first.event]);
  });

  it('waits for a hand-off decision holding the lead, then appends after it without a version conflict', async () => {
    // prepare: a hand-off transaction holds the lead's lock and appends a decision
    const leadId = `busy-${run.id}`;
    const handoff = await pool.connect();
    await handoff.query('begin');
    await lockLeads(handoff, [leadId]);
    const decision = { eventId: crypto.randomUUID(), leadId, type: 'lead_qualified_mql', occurredAt: Date.now() - 1_000 };
    await appendToStreams(handoff, [{ streamId: streamIdOf(leadId), expectedVersion: 0, events: [decision] }]);
    // act: the erasure starts while the decision is uncommitted, the decision commits
    const erasing = eraseLead(pool, deps, leadId, Date.now());
    const settled = await Promise.race([erasing.then(() => 'done'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 500))]);
    await handoff.query('commit');
    handoff.release();
    const erasure = await erasing;
    // assert: the erasure waited for the lock and came second on the stream
    expect(settled).toBe('waiting');
    expect(erasure.appended).toBe(true);
    expect((await streamOf(leadId)).map((s) => [s.streamVersion, s.event.type])).toEqual([
      [1, 'lead_qualified_mql'],
      [2, 'lead_erased'],
    ]);
  });
});
