import type { Pool } from 'pg';
import { Registry } from 'prom-client';
import { createPool, migrate, testing } from '@leadflow/kit';
import { handoffMigrations } from '../db/handoffMigrations';
import { registerTimerGauges } from './registerTimerGauges';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const HOUR = 3_600_000;

describe('timer gauges', () => {
  let run: testing.IsolatedRun;
  let pool: Pool;

  beforeAll(async () => {
    run = await testing.isolatedRun('timer-gauges');
    pool = await createPool(run.databaseUrl);
    await migrate(pool, 'handoff', handoffMigrations);
  });

  afterAll(async () => {
    await pool?.end();
    await run?.cleanUp();
  });

  it('count the timers not fired yet and those already past their due time', async () => {
    await pool.query(
      `insert into lead_timers (lead_id, timer, due_at) values
         ('lead-a', 'sla', $1), ('lead-b', 'sla', $2), ('lead-b', 'recycle', $3), ('lead-c', 'sla', $4)`,
      [NOW - 2 * HOUR, NOW, NOW + HOUR, NOW + 24 * HOUR],
    );
    const metrics = new Registry();

    registerTimerGauges(metrics, pool, () => NOW);
    const text = await metrics.metrics();

    expect(text).toContain('leadflow_handoff_timers_pending 4');
    expect(text).toContain('leadflow_handoff_timers_overdue 2');
  });
});
