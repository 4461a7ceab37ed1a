import type { Pool, PoolClient } from 'pg';
import { eraseSubjectKeys, inTransaction, leadSubject, visitorSubject, type Outbox, type TopicCodec } from '@leadflow/kit';
import type { LifecycleEvent, topics } from '@leadflow/schemas';
import { lockLeads } from '../db/lockLeads';
import { lifecycleEventId } from '../domain/lifecycleEventId';
import type { LeadEvent } from '../domain/leadEvent';
import { appendToStreams, readStreams, streamIdOf } from '../eventStore';
import { HandoffStoreMissing } from './HandoffStoreMissing';

type LeadErased = Extract<LifecycleEvent, { type: 'lead_erased' }>;

export interface ErasureDeps {
  /** Hand-off's outbox (`handoffOutbox`): its relay publishes the event after the commit. */
  outbox: Outbox;
  lifecycle: TopicCodec<typeof topics.lifecycle>;
}

export interface LeadErasure {
  leadId: string;
  /** Data keys destroyed by this run (0 when a previous run already did). */
  keysErased: number;
  /** Visitors identified as the lead whose keys went with the lead's. */
  visitors: string[];
  /** The `lead_erased` event on the lead's stream, published on the lifecycle topic by hand-off's relay. */
  event: LeadErased;
  /** Whether this run appended the event (false when an earlier run had: it is published or on its way). */
  appended: boolean;
}

/**
 * Forgets a person: destroys the data keys of the lead and of every visitor identified as it (every
 * envelope sealed with them, on any topic, table or backup, becomes unreadable), appends
 * `lead_erased` to the lead's stream once and writes it to hand-off's outbox — one transaction,
 * under the lead's lock, as hand-off's own decisions are written, so it is published after the
 * commit, in order with them, and never published without being stored. Running it again after a
 * crash at any point completes it; the event keeps its id and is written once.
 */
export async function eraseLead(pool: Pool, deps: ErasureDeps, leadId: string, now: number): Promise<LeadErasure> {
  return inTransaction(pool, (tx) => eraseInStore(tx, deps, leadId, now));
}

async function eraseInStore(tx: PoolClient, deps: ErasureDeps, leadId: string, now: number): Promise<LeadErasure> {
  await assertHandoffStore(tx);
  // the lead's lock first, as every hand-off transaction takes it: no decision interleaves
  await lockLeads(tx, [leadId]);
  const visitors = await visitorsIdentifiedAs(tx, leadId);
  const keysErased = await eraseSubjectKeys(tx, [leadSubject(leadId), ...visitors.map(visitorSubject)]);
  const streamId = streamIdOf(leadId);
  const stream = (await readStreams<LeadEvent>(tx, [streamId])).get(streamId) ?? [];
  const erased = stream.find((stored) => stored.event.type === 'lead_erased');
  if (erased) return { leadId, keysErased, visitors, event: erased.event as LeadErased, appended: false };
  const event: LeadErased = {
    // a lead is erased once: its erasure's id derives from the lead alone
    eventId: lifecycleEventId(leadId, 'lead_erased', 0, 0),
    leadId,
    occurredAt: now,
    type: 'lead_erased',
    payload: { visitorsErased: visitors.length },
  };
  await appendToStreams(tx, [{ streamId, expectedVersion: stream.length, events: [event] }]);
  await deps.outbox.write(tx, deps.lifecycle, [event]);
  return { leadId, keysErased, visitors, event, appended: true };
}

/** The event store and the outbox are hand-off's: an erasure needs hand-off to have started once against this database. */
async function assertHandoffStore(tx: PoolClient): Promise<void> {
  const { rows } = await tx.query<{ events: boolean; outbox: boolean }>(
    `select to_regclass('events') is not null as events, to_regclass('public.outbox') is not null as outbox`,
  );
  if (!rows[0]?.events || !rows[0]?.outbox) throw new HandoffStoreMissing();
}

/** The visitors scoring stitched to the lead (none when scoring has not run against this database). */
async function visitorsIdentifiedAs(tx: PoolClient, leadId: string): Promise<string[]> {
  const { rows: present } = await tx.query<{ present: boolean }>(`select to_regclass('visitors') is not null as present`);
  if (!present[0]?.present) return [];
  const { rows } = await tx.query<{ anonymous_id: string }>('select anonymous_id from visitors where lead_id = $1 order by anonymous_id', [leadId]);
  return rows.map((r) => r.anonymous_id);
}
