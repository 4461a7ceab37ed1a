import type { Producer } from 'kafkajs';
import type { PoolClient } from 'pg';
import { publishRecords, RejectedRecordError, type Codecs, type RefusedRecord } from '@leadflow/kit';
import {
  decide,
  evolve,
  initialLeadLifecycleState,
  leadEventsByTopic,
  nextRotations,
  outcomeVerdict,
  pendingTimers,
  type HandoffRules,
  type LeadCommand,
  type LeadEvent,
  type LeadLifecycleState,
} from '../domain';
import { loadParkedOutcomes, saveParkedOutcomes, type ParkedOutcome } from '../db/parkedOutcomes';
import { readRotations, saveRotations } from '../db/rotations';
import { replaceTimers } from '../db/replaceTimers';
import { appendToStreams, readStreams, type StreamAppend } from '../eventStore';

export const streamIdOf = (leadId: string): string => `lead-${leadId}`;

export interface DecideDeps {
  rules: HandoffRules;
  producer: Producer;
  codecs: Codecs;
}

/** A command, and the record it came from when it came from one (to dead-letter it if refused). */
export interface CommandInput {
  command: LeadCommand;
  origin?: RefusedRecord['record'];
}

interface LeadInProgress {
  state: LeadLifecycleState;
  version: number;
  events: LeadEvent[];
  parked: ParkedOutcome[];
}

/**
 * Decides commands against the leads' streams in one transaction: each stream is read once, every
 * command is decided against the evolving state, the new events are appended with optimistic
 * concurrency and published, and the leads' pending timers, parked outcomes and the teams'
 * round-robin positions are stored beside them. Ids are deterministic, so re-running the same
 * commands publishes the same events.
 *
 * An outcome the lead cannot take yet is parked, not refused: in a replay the scores that made the
 * lead an SQL may be read after the outcome that followed them. Parked outcomes are released in
 * event-time order as soon as the state allows; with `final`, what still cannot apply is refused.
 */
export async function decideForLeads(
  tx: PoolClient,
  inputs: CommandInput[],
  deps: DecideDeps,
  options: { final?: boolean } = {},
): Promise<RefusedRecord[]> {
  const leadIds = [...new Set(inputs.map((i) => i.command.leadId))].sort();
  // Batches of different partitions (scores, outcomes, timers) may touch the same lead at once:
  // each lead is decided by one transaction at a time, which then sees the other's parked outcomes.
  await tx.query('select pg_advisory_xact_lock(hashtext(id)) from unnest($1::text[]) as id order by id', [leadIds.map(streamIdOf)]);
  const leads = await loadLeads(tx, leadIds);
  const parkedBefore = new Set([...leads.values()].flatMap((l) => l.parked.map((p) => p.outcome.eventId)));
  if (options.final) {
    // The parked outcomes given as inputs are decided now, for good.
    const given = new Set(inputs.flatMap((i) => (i.command.type === 'RecordOutcome' ? [i.command.outcome.eventId] : [])));
    for (const lead of leads.values()) lead.parked = lead.parked.filter((p) => !given.has(p.outcome.eventId));
  }
  const before = await readRotations(tx, Object.keys(deps.rules.routing.teams));
  let rotations = before;
  const refused: RefusedRecord[] = [];
  const apply = (lead: LeadInProgress, input: CommandInput) => {
    const decision = decide(input.command, lead.state, deps.rules, { rotations });
    lead.state = decision.events.reduce(evolve, lead.state);
    lead.events.push(...decision.events);
    rotations = nextRotations(rotations, decision.events);
    if (decision.refusal && input.origin) refused.push({ record: input.origin, error: new RejectedRecordError(decision.refusal) });
  };
  for (const input of inputs) {
    const lead = leads.get(input.command.leadId) as LeadInProgress;
    const { command } = input;
    if (command.type === 'RecordOutcome' && !options.final && 'refusal' in outcomeVerdict(command.outcome, lead.state, command.leadId, command.now)) {
      if (input.origin) lead.parked.push({ outcome: command.outcome, origin: input.origin });
      continue;
    }
    apply(lead, input);
    releaseParked(lead, apply);
  }
  await appendToStreams(tx, [...leads].map(([leadId, lead]): StreamAppend<LeadEvent> => ({
    streamId: streamIdOf(leadId),
    expectedVersion: lead.version,
    events: lead.events,
  })));
  const byTopic = leadEventsByTopic([...leads.values()].flatMap((l) => l.events));
  await publishRecords(deps.producer, deps.codecs.lifecycle, byTopic.lifecycle);
  await publishRecords(deps.producer, deps.codecs.sla, byTopic.sla);
  await publishRecords(deps.producer, deps.codecs.recycled, byTopic.recycled);
  await replaceTimers(tx, leadIds, [...leads].flatMap(([leadId, l]) => pendingTimers(l.state, deps.rules).map((t) => ({ leadId, ...t }))));
  const parkedAfter = [...leads.values()].flatMap((l) => l.parked);
  const stillParked = new Set(parkedAfter.map((p) => p.outcome.eventId));
  await saveParkedOutcomes(tx, parkedAfter.filter((p) => !parkedBefore.has(p.outcome.eventId)), [...parkedBefore].filter((id) => !stillParked.has(id)));
  await saveRotations(tx, before, rotations);
  return refused;
}

/** Applies the lead's parked outcomes that its state now allows, oldest first. */
function releaseParked(lead: LeadInProgress, apply: (lead: LeadInProgress, input: CommandInput) => void): void {
  lead.parked.sort((a, b) => a.outcome.occurredAt - b.outcome.occurredAt);
  for (const parked of [...lead.parked]) {
    const command = { type: 'RecordOutcome', leadId: parked.outcome.leadId as string, outcome: parked.outcome, now: parked.outcome.occurredAt } as const;
    if ('refusal' in outcomeVerdict(parked.outcome, lead.state, command.leadId, command.now)) continue;
    lead.parked.splice(lead.parked.indexOf(parked), 1);
    apply(lead, { command, origin: parked.origin });
  }
}

async function loadLeads(tx: PoolClient, leadIds: string[]): Promise<Map<string, LeadInProgress>> {
  const streams = await readStreams<LeadEvent>(tx, leadIds.map(streamIdOf));
  const parked = await loadParkedOutcomes(tx, leadIds);
  return new Map(
    leadIds.map((leadId) => {
      const history = streams.get(streamIdOf(leadId)) ?? [];
      const state = history.reduce((s, stored) => evolve(s, stored.event), initialLeadLifecycleState());
      return [leadId, { state, version: history.length, events: [], parked: parked.filter((p) => p.outcome.leadId === leadId) }];
    }),
  );
}
