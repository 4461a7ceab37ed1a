import type { PoolClient } from 'pg';
import type { LeadHistory } from '../domain';
import type { LeadRow } from './LeadRow';
import type { LeadRowCache } from './LeadRowCache';
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
 * its rows locked too, so the re-grading ticker skips them meanwhile. With a cache, only the
 * versions are read for all of them, and the rows only of those whose cached row is not the
 * stored one.
 */
export async function loadLeads(tx: PoolClient, leadIds: string[], cache?: LeadRowCache): Promise<Map<string, LeadRow>> {
  if (leadIds.length === 0) return new Map();
  await lockLeadIds(tx, leadIds);
  if (!cache) {
    const { rows } = await tx.query(`select ${COLUMNS} from lead_score_state where lead_id = any($1::text[]) for update`, [leadIds]);
    return new Map(rows.map((r) => [r.lead_id, toLeadRow(r)]));
  }
  const { rows: versions } = await tx.query<{ lead_id: string; version: string | null }>(
    'select lead_id, version from lead_score_state where lead_id = any($1::text[]) for update',
    [leadIds],
  );
  const loaded = new Map<string, LeadRow>();
  const misses: string[] = [];
  for (const { lead_id, version } of versions) {
    const cached = cache.get(lead_id, version);
    if (cached) loaded.set(lead_id, cached);
    else misses.push(lead_id);
  }
  if (misses.length > 0) {
    const { rows } = await tx.query(`select ${COLUMNS} from lead_score_state where lead_id = any($1::text[])`, [misses]);
    for (const r of rows) loaded.set(r.lead_id, toLeadRow(r));
  }
  return loaded;
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
