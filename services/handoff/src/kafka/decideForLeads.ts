import type { PoolClient } from 'pg';
import { RejectedRecordError, type Codecs, type Outbox, type RefusedRecord } from '@leadflow/kit';
import {
  compactInputs,
  inputIdOf,
  isRetraction,
  leadEventsByTopic,
  leadInputOf,
  nextRotations,
  pendingTimers,
  redecideAndCompensate,
  type HandoffRules,
  type LeadCommand,
  type LeadEvent,
} from '../domain';
import { loadLeadInputs, saveLeadInputs, type InputChanges, type StoredInput } from '../db/leadInputs';
import { lockLeads } from '../db/lockLeads';
import { saveRotations } from '../db/rotations';
import { replaceTimers, type LeadTimer } from '../db/replaceTimers';
import { appendToStreams, readStreams, streamIdOf, type StreamAppend } from '../eventStore';
import { decideUnderRotationLocks } from './decideUnderRotationLocks';

export interface DecideDeps {
  rules: HandoffRules;
  outbox: Outbox;
  codecs: Codecs;
}

/** A command, and the record it came from when it came from one (to dead-letter it if refused). */
export interface CommandInput {
  command: LeadCommand;
  origin?: RefusedRecord['record'];
}

/** What deciding one lead gives the transaction to write. */
interface LeadResult {
  append: StreamAppend<LeadEvent>;
  timers: LeadTimer[];
  changes: Omit<InputChanges, 'leadIds'>;
  refused: RefusedRecord[];
}

/** The inputs a lead now has: those kept, then those arriving, each once. */
function mergeInputs(kept: StoredInput[], arriving: CommandInput[]): { all: StoredInput[]; added: StoredInput[] } {
  const known = new Set(kept.map((k) => inputIdOf(k.input)));
  const added = new Map<string, StoredInput>();
  for (const { command, origin } of arriving) {
    const input = leadInputOf(command);
    if (input && !known.has(inputIdOf(input))) added.set(inputIdOf(input), { input, origin });
  }
  return { all: [...kept, ...added.values()], added: [...added.values()] };
}

/**
 * The latest event time the lead has been decided to: its inputs, the timers fired now, and its
 * decisions (compensations aside: they are stamped just after the horizon they were decided at).
 */
const horizonOf = (stream: LeadEvent[], inputs: StoredInput[], arriving: CommandInput[]): number =>
  Math.max(
    0,
    ...stream.flatMap((e) => (isRetraction(e) ? [] : [e.occurredAt])),
    ...inputs.map((i) => i.input.at),
    ...arriving.map((a) => a.command.now),
  );

function decideLead(
  leadId: string,
  stream: LeadEvent[],
  kept: StoredInput[],
  arriving: CommandInput[],
  context: { rules: HandoffRules; rotations: Record<string, number>; final: boolean },
): LeadResult {
  const { all, added } = mergeInputs(kept, arriving);
  const horizon = horizonOf(stream, all, arriving);
  const result = redecideAndCompensate(leadId, stream, all.map((i) => i.input), horizon, context.rules, context.rotations);
  const compact = new Set(compactInputs(all.map((i) => i.input)).map(inputIdOf));
  const held = new Map(result.held.map((h) => [h.outcome.eventId, h.refusal]));
  // refused for good: dead-lettered once, yet kept, so a state the outcome waited for still takes it
  const refusedForGood = context.final ? all.filter((i) => held.has(inputIdOf(i.input)) && !i.refused) : [];
  const dropped = new Set(all.filter((i) => !compact.has(inputIdOf(i.input))).map((i) => inputIdOf(i.input)));
  const isKnown = new Set(kept.map((k) => inputIdOf(k.input)));
  return {
    append: { streamId: streamIdOf(leadId), expectedVersion: stream.length, events: result.append },
    timers: pendingTimers(result.state, context.rules).map((t) => ({ leadId, ...t })),
    changes: {
      added: added.filter((a) => !dropped.has(inputIdOf(a.input))).map((a) => ({ ...a, leadId })),
      removed: [...dropped].filter((id) => isKnown.has(id)),
      held: [...held.keys()],
      refused: refusedForGood.map((i) => inputIdOf(i.input)),
    },
    refused: refusedForGood.flatMap((i) =>
      i.origin ? [{ record: i.origin, error: new RejectedRecordError(held.get(inputIdOf(i.input)) ?? 'refused') }] : [],
    ),
  };
}

/**
 * Decides leads in one transaction: each lead's new inputs join those kept, the lead is decided again
 * from all of them in event-time order, and what its published stream lacks (new events, or
 * compensating events for decisions a late input undid) is appended with optimistic concurrency and
 * written to the outbox, published once the transaction committed. The leads' pending timers, inputs and the teams' round-robin positions are stored beside
 * them. Ids are deterministic, so re-running the same commands publishes the same events.
 *
 * An outcome the lead cannot take is held, not refused: in a replay the scores that made the lead an
 * SQL may be read after the outcome that followed them. With `final`, what still cannot apply is refused:
 * dead-lettered once with the reason, and kept, so that if the state it waited for comes after all it
 * applies then, as it would have in any other arrival order.
 */
export async function decideForLeads(
  tx: PoolClient,
  inputs: CommandInput[],
  deps: DecideDeps,
  options: { final?: boolean; leadIds?: string[] } = {},
): Promise<RefusedRecord[]> {
  const leadIds = [...new Set([...inputs.map((i) => i.command.leadId), ...(options.leadIds ?? [])])].sort();
  if (leadIds.length === 0) return [];
  // Batches of different partitions (scores, outcomes, timers) may touch the same lead at once:
  // each lead is decided by one transaction at a time, which then sees the other's inputs.
  await lockLeads(tx, leadIds);
  const streams = await readStreams<LeadEvent>(tx, leadIds.map(streamIdOf));
  const kept = await loadLeadInputs(tx, leadIds);
  const arrivingByLead = new Map<string, CommandInput[]>();
  for (const input of inputs) {
    const arriving = arrivingByLead.get(input.command.leadId);
    if (arriving) arriving.push(input);
    else arrivingByLead.set(input.command.leadId, [input]);
  }
  const { results, before, after } = await decideUnderRotationLocks(tx, Object.keys(deps.rules.routing.teams), (from) => {
    let rotations = from;
    const decided = leadIds.map((leadId) => {
      const stream = (streams.get(streamIdOf(leadId)) ?? []).map((s) => s.event);
      const arriving = arrivingByLead.get(leadId) ?? [];
      const result = decideLead(leadId, stream, kept.get(leadId) ?? [], arriving, { rules: deps.rules, rotations, final: options.final ?? false });
      rotations = nextRotations(rotations, result.append.events);
      return result;
    });
    return { results: decided, after: rotations };
  });
  await appendToStreams(tx, results.map((r) => r.append));
  const byTopic = leadEventsByTopic(results.flatMap((r) => r.append.events));
  await deps.outbox.write(tx, deps.codecs.lifecycle, byTopic.lifecycle);
  await deps.outbox.write(tx, deps.codecs.sla, byTopic.sla);
  await deps.outbox.write(tx, deps.codecs.recycled, byTopic.recycled);
  await replaceTimers(tx, leadIds, results.flatMap((r) => r.timers));
  await saveLeadInputs(tx, {
    leadIds,
    added: results.flatMap((r) => r.changes.added),
    removed: results.flatMap((r) => r.changes.removed),
    held: results.flatMap((r) => r.changes.held),
    refused: results.flatMap((r) => r.changes.refused),
  });
  await saveRotations(tx, before, after);
  return results.flatMap((r) => r.refused);
}
