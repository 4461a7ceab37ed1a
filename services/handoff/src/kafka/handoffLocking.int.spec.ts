import { join } from 'node:path';
import { Pool } from 'pg';
import { z } from 'zod';
import {
  commonConfig,
  connectPipeline,
  consumerOffsetsMigration,
  createLogger,
  DeadLetterPublisher,
  inTransaction,
  loadConfig,
  lockStoredOffset,
  migrate,
  Outbox,
  outboxMigration,
  testing,
} from '@leadflow/kit';
import type { LeadScored } from '@leadflow/schemas';
import { handoffMigrations } from '../db/handoffMigrations';
import { eventStoreMigration } from '../eventStore';
import { loadHandoffRules } from '../startHandoff';
import { fireDueTimers } from '../timers/fireDueTimers';
import { refuseHeldOutcomes } from '../timers/refuseHeldOutcomes';
import { decideForLeads, type DecideDeps } from './decideForLeads';
import { qualifying } from './handoffUnderTest.spec';

const PARTITIONS = 4;
const ROUNDS = 12;
const LEADS = 40;
const BATCH = 12;
const DAY_MS = 86_400_000;
/** Three routing teams: north America, EMEA enterprise and EMEA commercial. */
const PROFILES = [
  { country: 'US', companySize: 800 },
  { country: 'DE', companySize: 5000 },
  { country: 'FR', companySize: 50 },
];

/** A seeded generator, so a failing run can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('hand-off locking: consumer batches on several partitions and the timer ticker on the same leads and teams', () => {
  let run: testing.IsolatedRun;
  let pool: Pool;

  beforeAll(async () => {
    run = await testing.isolatedRun('handoff-locking');
    pool = new Pool({ connectionString: run.databaseUrl, max: PARTITIONS + 2 });
    await migrate(pool, 'handoff', [consumerOffsetsMigration, outboxMigration, eventStoreMigration, ...handoffMigrations]);
  });

  afterAll(async () => {
    await pool?.end();
    await run?.cleanUp();
  });

  it('never deadlocks, loses no round-robin turn and routes every qualified lead', async () => {
    // prepare
    const rules = loadHandoffRules(join(__dirname, '..', '..', 'config', 'handoff-rules.json'));
    const outbox = new Outbox(`${run.namespace}handoff`);
    const { codecs } = await connectPipeline('locking-test', loadConfig(z.object(commonConfig), run.env), createLogger('locking-test', 'warn'));
    const deps: DecideDeps = { rules, outbox, codecs };
    const deadLetters = new DeadLetterPublisher(outbox, deps.codecs.deadLetter, 'handoff-locking');
    const leadIds = Array.from({ length: LEADS }, (_, i) => `lock-${run.id}-${i}`);
    const start = Date.now() - 40 * DAY_MS;
    const scores = (leadId: string, round: number, partition: number): LeadScored => {
      const base = qualifying(leadId, start + round * DAY_MS + partition * 60_000, round * PARTITIONS + partition + 1);
      const profile = PROFILES[Number(leadId.split('-').at(-1)) % PROFILES.length] ?? { country: 'US', companySize: 800 };
      return { ...base, context: { ...(base.context as NonNullable<LeadScored['context']>), profile } };
    };
    const failures: { code?: string; message: string }[] = [];
    const attempt = async (work: () => Promise<unknown>) => {
      for (;;) {
        try {
          return await work();
        } catch (error) {
          const { code, message } = error as { code?: string; message: string };
          failures.push({ code, message });
          if (failures.length > 50) throw error;
        }
      }
    };
    let consuming = true;

    // act: each partition applies batches of scores of leads in random order, as the consumer does
    // (its stored offset locked first); the ticker fires every timer due a year on, meanwhile
    const partitions = Array.from({ length: PARTITIONS }, async (_, partition) => {
      const next = random(partition + 1);
      for (let round = 0; round < ROUNDS; round++) {
        const batch = [...leadIds].sort(() => next() - 0.5).slice(0, BATCH);
        await attempt(() =>
          inTransaction(pool, async (tx) => {
            await lockStoredOffset(tx, 'handoff-locking', 'scores', partition);
            await decideForLeads(tx, batch.map((leadId) => ({ command: { type: 'ApplyScores', leadId, scores: scores(leadId, round, partition), now: scores(leadId, round, partition).evaluatedAt } })), deps);
          }),
        );
      }
    });
    let fired = 0;
    const ticker = (async () => {
      const aYearOn = Date.now() + 365 * DAY_MS;
      while (consuming) {
        // no input partitions to wait for: every timer due and every held outcome may go
        await attempt(() => refuseHeldOutcomes(pool, deps, deadLetters, 20, []));
        fired += Number(await attempt(() => fireDueTimers(pool, deps, aYearOn, 20, [])));
      }
    })();
    await Promise.all(partitions);
    consuming = false;
    await ticker;

    // assert
    const { rows: routed } = await pool.query<{ team: string; n: string }>(
      `select data->'payload'->>'team' as team, count(*) as n from events
       where type = 'lead_assigned' and data->'payload'->>'reason' = 'routed' group by 1`,
    );
    const { rows: turns } = await pool.query<{ team: string; next_index: string }>('select team, next_index from routing_rotations where next_index > 0');
    const { rows: assigned } = await pool.query<{ n: string }>(
      `select count(distinct stream_id) as n from events where type = 'lead_assigned' and data->'payload'->>'reason' = 'routed'`,
    );
    expect(fired).toBeGreaterThan(0);
    expect(failures.filter((f) => f.code === '40P01')).toEqual([]);
    expect(failures).toEqual([]);
    expect(Object.fromEntries(turns.map((t) => [t.team, Number(t.next_index)]))).toEqual(Object.fromEntries(routed.map((r) => [r.team, Number(r.n)])));
    expect(routed.map((r) => r.team).sort()).toEqual(['emea-commercial', 'emea-enterprise', 'na-sales']);
    expect(Number(assigned[0]?.n)).toBe(LEADS);
  });
});
