import type { PoolClient } from 'pg';
import type { EngagementEvent } from '@leadflow/schemas';

type LinkOpened = Extract<EngagementEvent, { type: 'link_opened' }>;

/** Records link opens; an event seen again changes nothing. */
export async function insertLinkOpens(tx: PoolClient, events: readonly EngagementEvent[]): Promise<void> {
  const opens = events.filter((e): e is LinkOpened => e.type === 'link_opened');
  if (opens.length === 0) return;
  await tx.query(
    `insert into link_opens (event_id, link_id, campaign_id, source, subject_id, opened_at)
     select e, l, c, s, sub, to_timestamp(t / 1000.0)
     from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[]) as u(e, l, c, s, sub, t)
     on conflict (event_id) do nothing`,
    [
      opens.map((e) => e.eventId),
      opens.map((e) => e.payload.linkId),
      opens.map((e) => e.context?.campaignId ?? e.context?.utmCampaign ?? null),
      opens.map((e) => e.context?.utmSource ?? e.source),
      opens.map((e) => e.anonymousId ?? e.leadId),
      opens.map((e) => e.occurredAt),
    ],
  );
}
