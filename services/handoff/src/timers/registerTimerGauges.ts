import type { Pool } from 'pg';
import { Gauge, type Registry } from 'prom-client';

/**
 * `leadflow_handoff_timers_pending` and `leadflow_handoff_timers_overdue`, counted in `lead_timers`
 * when Prometheus scrapes. A timer past its due time is still there only while its lead's partitions
 * have not passed it in event time (the consumer is behind on them), so a lasting overdue count
 * means SLA breaches are not being acted on.
 */
export function registerTimerGauges(metrics: Registry, pool: Pool, now: () => number = Date.now): void {
  const countTimers = (where: string, params: () => unknown[]) =>
    async function collect(this: Gauge): Promise<void> {
      // a failed count keeps the last value rather than failing the whole scrape
      const { rows } = await pool.query<{ timers: string }>(`select count(*) as timers from lead_timers ${where}`, params()).catch(() => ({ rows: [] }));
      if (rows[0]) this.set(Number(rows[0].timers));
    };
  new Gauge({ name: 'leadflow_handoff_timers_pending', help: 'SLA and recycling timers not fired yet', registers: [metrics], collect: countTimers('', () => []) });
  new Gauge({
    name: 'leadflow_handoff_timers_overdue',
    help: 'timers whose due time has passed and that have not fired yet',
    registers: [metrics],
    collect: countTimers('where due_at <= $1', () => [now()]),
  });
}
