import type { Pool } from 'pg';
import { inTransaction, type Codecs, type Outbox } from '@leadflow/kit';
import type { ScoringModel } from '../domain';
import { claimDueLeads } from '../db/loadLeads';
import { saveLeads } from '../db/saveLeads';
import { regradeAtCrossing } from './regradeAtCrossing';

export interface RegradeDeps {
  pool: Pool;
  model: ScoringModel;
  outbox: Outbox;
  codecs: Codecs;
  batchSize: number;
}

/**
 * Re-grades the leads whose grade crossing is due at `nowMs`: each is evaluated at its crossing
 * time (event time, so replay gives the same result), published with cause `decay`, and given its
 * next crossing, all in one transaction; state and stream time are left to the events. The work
 * per tick is the leads that cross, never a scan. Returns how many leads were re-graded.
 */
export async function regradeDueLeads(deps: RegradeDeps, nowMs: number): Promise<number> {
  return inTransaction(deps.pool, async (tx) => {
    const due = await claimDueLeads(tx, nowMs, deps.batchSize);
    if (due.length === 0) return 0;
    const rescored = due.flatMap((row) => regradeAtCrossing(row, deps.model) ?? []);
    await deps.outbox.write(tx, deps.codecs.scores, rescored.map((r) => r.scores));
    await saveLeads(tx, rescored.map((r) => r.row));
    return due.length;
  });
}
