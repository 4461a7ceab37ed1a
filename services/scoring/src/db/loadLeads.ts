import type { PoolClient } from 'pg';
import type { LeadHistory } from '../domain';
import type { LeadRow } from './LeadRow';
import { lockLeadIds } from './lockLeadIds';

const COLUMNS = 'lead_id, state, stream_time, last_emitted, next_crossing_at, history';

function toLeadRow(r: { lead_id: string; state: LeadRow['state']; stream_time: string; last_emitted: LeadRow['lastEmitted']; next_crossing_at: string | null;
  history: LeadHistory | null;
}): LeadRow {
  return {
    leadId: r.lead_id,
    state: r.state,
    streamTime: Number(r.stream_time),
    lastEmitted: r.last_emitted,
    nextCrossingAt: r.next_crossing_at === null ? null : Number(r.next_crossing_at),
    // Rows stored before histories were kept: what they folded is the base a late event refolds from.
    history: r.history ?? { base: r.state, events: [] },
  };
}

/**
 * Locks these leads (see `lockLeadIds`: stored or not, in id order) and loads their stored state,
 * its rows locked too, so the re-grading ticker skips them meanwhile.
 */
export async function loadLeads(tx: PoolClient, leadIds: string[]): Promise<Map<string, LeadRow>> {
  if (leadIds.length === 0) return new Map();
  await lockLeadIds(tx, leadIds);
  const { rows } = await tx.query(`select ${COLUMNS} from lead_score_state where lead_id = any($1::text[]) for update`, [leadIds]);
  return new Map(rows.map((r) => [r.lead_id, toLeadRow(r)]));
}

/**
 * Claims the leads whose next grade crossing is due, earliest first. Rows another instance or the
 * consumer holds are skipped, not waited for; they are picked up on a later tick.
 */
export async function claimDueLeads(tx: PoolClient, nowMs: number, limit: number): Promise<LeadRow[]> {
  const { rows } = await tx.query(
    `select ${COLUMNS} from lead_score_state where next_crossing_at <= $1
     order by next_crossing_at limit $2 for update skip locked`,
    [nowMs, limit],
  );
  return rows.map(toLeadRow);
}
