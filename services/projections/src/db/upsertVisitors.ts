import type { PoolClient } from 'pg';
import type { VisitorSighting } from '../domain';
import { inLockOrder } from './inLockOrder';

const earlierSeen = 'excluded.first_seen_at < v.first_seen_at';
const earlierIdentified = 'excluded.identified_at is not null and (v.identified_at is null or excluded.identified_at < v.identified_at)';

/**
 * Writes visitor sightings in one statement: the first sighting keeps its campaign and source, the
 * first identification its lead. Order and repetition of batches do not matter.
 */
export async function upsertVisitors(tx: PoolClient, batch: VisitorSighting[]): Promise<void> {
  if (batch.length === 0) return;
  const sightings = inLockOrder(batch, (s) => s.subjectId);
  await tx.query(
    `insert into visitors as v (subject_id, first_seen_at, first_campaign, first_source, became_lead_id, identified_at)
     select s, to_timestamp(f / 1000.0), c, src, l, to_timestamp(i / 1000.0)
     from unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[]) as u(s, f, c, src, l, i)
     on conflict (subject_id) do update set
       first_campaign = case when ${earlierSeen} then excluded.first_campaign else v.first_campaign end,
       first_source = case when ${earlierSeen} then excluded.first_source else v.first_source end,
       first_seen_at = least(v.first_seen_at, excluded.first_seen_at),
       became_lead_id = case when ${earlierIdentified} then excluded.became_lead_id else v.became_lead_id end,
       identified_at = least(v.identified_at, excluded.identified_at)`,
    [
      sightings.map((s) => s.subjectId),
      sightings.map((s) => s.firstSeenAt),
      sightings.map((s) => s.firstCampaign),
      sightings.map((s) => s.firstSource),
      sightings.map((s) => s.becameLeadId),
      sightings.map((s) => s.identifiedAt),
    ],
  );
}
