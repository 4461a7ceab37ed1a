import type { Pool, PoolClient } from 'pg';
import type { Producer } from 'kafkajs';
import { eraseSubjectKeys, inTransaction, leadSubject, publishRecords, visitorSubject, type TopicCodec } from '@leadflow/kit';
import type { LifecycleEvent, topics } from '@leadflow/schemas';
import { lifecycleEventId } from '../domain/lifecycleEventId';
import type { LeadEvent } from '../domain/leadEvent';
import { appendToStreams, readStreams, StreamVersionConflict } from '../eventStore';

type LeadErased = Extract<LifecycleEvent, { type: 'lead_erased' }>;

export interface LeadErasure {
  leadId: string;
  /** Data keys destroyed by this run (0 when a previous run already did). */
  keysErased: number;
  /** Visitors identified as the lead whose keys went with the lead's. */
  visitors: string[];
  /** The `lead_erased` event on the lead's stream and the lifecycle topic. */
  event: LeadErased;
}

const APPEND_ATTEMPTS = 5;

/**
 * Forgets a person: destroys the data keys of the lead and of every visitor identified as it (every
 * envelope sealed with them, on any topic, table or backup, becomes unreadable), appends
 * `lead_erased` to the lead's stream once, and publishes it on the lifecycle topic. Each step is
 * idempotent, so running it again after a crash at any point completes it; the event keeps its id.
 */
export async function eraseLead(
  pool: Pool,
  producer: Producer,
  lifecycle: TopicCodec<typeof topics.lifecycle>,
  leadId: string,
  now: number,
): Promise<LeadErasure> {
  for (let attempt = 1; ; attempt++) {
    try {
      const erasure = await inTransaction(pool, (tx) => eraseInStore(tx, leadId, now));
      await publishRecords(producer, lifecycle, [erasure.event]);
      return erasure;
    } catch (error) {
      if (!(error instanceof StreamVersionConflict) || attempt >= APPEND_ATTEMPTS) throw error;
    }
  }
}

async function eraseInStore(tx: PoolClient, leadId: string, now: number): Promise<LeadErasure> {
  const visitors = await visitorsIdentifiedAs(tx, leadId);
  const keysErased = await eraseSubjectKeys(tx, [leadSubject(leadId), ...visitors.map(visitorSubject)]);
  const streamId = `lead-${leadId}`;
  const stream = (await readStreams<LeadEvent>(tx, [streamId])).get(streamId) ?? [];
  const erased = stream.find((stored) => stored.event.type === 'lead_erased');
  if (erased) return { leadId, keysErased, visitors, event: erased.event as LeadErased };
  const event: LeadErased = {
    // a lead is erased once: its erasure's id derives from the lead alone
    eventId: lifecycleEventId(leadId, 'lead_erased', 0, 0),
    leadId,
    occurredAt: now,
    type: 'lead_erased',
    payload: { visitorsErased: visitors.length },
  };
  await appendToStreams(tx, [{ streamId, expectedVersion: stream.length === 0 ? 0 : (stream[stream.length - 1]?.streamVersion ?? 0), events: [event] }]);
  return { leadId, keysErased, visitors, event };
}

/** The visitors scoring stitched to the lead (none when scoring has not run against this database). */
async function visitorsIdentifiedAs(tx: PoolClient, leadId: string): Promise<string[]> {
  const { rows: present } = await tx.query<{ present: boolean }>(`select to_regclass('visitors') is not null as present`);
  if (!present[0]?.present) return [];
  const { rows } = await tx.query<{ anonymous_id: string }>('select anonymous_id from visitors where lead_id = $1 order by anonymous_id', [leadId]);
  return rows.map((r) => r.anonymous_id);
}
