import type { Logger } from 'pino';
import type { Pool } from 'pg';
import { Counter, type Registry } from 'prom-client';
import { startTicker, type Stoppable } from '@leadflow/kit';
import { pruneScoringTables } from './pruneScoringTables';
import type { PrunedRows, ScoringRetention } from './scoringRetention';

/**
 * Keeps scoring's internal tables within their bounds: every interval, and at full speed while a
 * step finds a full chunk to delete (a backlog after downtime or a first start on old tables).
 * Each deletion is counted in `leadflow_retention_pruned_rows_total{table}` and logged.
 */
export function startRetentionTicker(
  deps: { pool: Pool; retention: ScoringRetention; metrics: Registry },
  logger: Logger,
  intervalMs: number,
  now: () => number = Date.now,
): Stoppable {
  const pruned = new Counter({
    name: 'leadflow_retention_pruned_rows_total',
    help: 'rows of internal tables deleted past their retention bound',
    labelNames: ['table'],
    registers: [deps.metrics],
  });
  const step = async () => {
    const rows: PrunedRows = await pruneScoringTables(deps.pool, deps.retention, now());
    const counts = Object.entries(rows).filter(([, n]) => n > 0);
    for (const [table, n] of counts) pruned.inc({ table }, n);
    if (counts.length > 0) logger.info({ pruned: rows }, 'pruned internal tables');
    return { more: counts.some(([, n]) => n === deps.retention.chunk) };
  };
  return startTicker('retention', step, intervalMs, logger);
}
