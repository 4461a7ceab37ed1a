import type { PoolClient } from 'pg';

/**
 * Counts the leads' re-qualifications in `lead_transitions` into `lead_current`, in one statement.
 * It runs after `upsertStageChanges` locked the leads' rows in this transaction, so its snapshot
 * holds every transition another transaction committed before: a count taken inside the upsert
 * would be as old as that statement and could overwrite a newer one.
 */
export async function refreshRequalifiedCounts(tx: PoolClient, leadIds: string[]): Promise<void> {
  if (leadIds.length === 0) return;
  await tx.query(
    `update lead_current c set requalified_count = n.requalified
     from (select l.lead_id, count(t.event_id)::int as requalified
           from unnest($1::text[]) as l(lead_id)
           left join lead_transitions t on t.lead_id = l.lead_id and t.type = 'lead_requalified'
           group by l.lead_id) n
     where c.lead_id = n.lead_id and c.requalified_count <> n.requalified`,
    [leadIds],
  );
}
