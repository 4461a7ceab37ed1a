import type { Producer } from 'kafkajs';
import type { PoolClient } from 'pg';
import { publishRecords, type Codecs } from '@leadflow/kit';
import {
  decide,
  evolve,
  initialLeadLifecycleState,
  leadEventsByTopic,
  nextRotations,
  pendingTimers,
  type HandoffRules,
  type LeadCommand,
  type LeadEvent,
  type LeadLifecycleState,
} from '../domain';
import { readRotations, saveRotations } from '../db/rotations';
import { replaceTimers } from '../db/replaceTimers';
import { appendToStreams, readStreams, type StreamAppend } from '../eventStore';

export const streamIdOf = (leadId: string): string => `lead-${leadId}`;

export interface DecideDeps {
  rules: HandoffRules;
  producer: Producer;
  codecs: Codecs;
}

/**
 * Decides a batch of commands against the leads' streams, in one transaction: each stream is read
 * once, every command is decided against the evolving state, the new events are appended with
 * optimistic concurrency, published to their topics, and the leads' pending timers and the teams'
 * round-robin positions are stored beside them. Returns the reason of each refused command, by
 * its index. Ids are deterministic, so re-running the same commands publishes the same events.
 */
export async function decideForLeads(tx: PoolClient, commands: LeadCommand[], deps: DecideDeps): Promise<Map<number, string>> {
  const leadIds = [...new Set(commands.map((c) => c.leadId))];
  const streams = await readStreams<LeadEvent>(tx, leadIds.map(streamIdOf));
  const before = await readRotations(tx);
  let rotations = before;
  const leads = new Map<string, { state: LeadLifecycleState; version: number; events: LeadEvent[] }>();
  for (const leadId of leadIds) {
    const history = streams.get(streamIdOf(leadId)) ?? [];
    const state = history.reduce((s, stored) => evolve(s, stored.event), initialLeadLifecycleState());
    leads.set(leadId, { state, version: history.length, events: [] });
  }
  const refusals = new Map<number, string>();
  commands.forEach((command, index) => {
    const lead = leads.get(command.leadId);
    if (!lead) return;
    const decision = decide(command, lead.state, deps.rules, { rotations });
    lead.state = decision.events.reduce(evolve, lead.state);
    lead.events.push(...decision.events);
    rotations = nextRotations(rotations, decision.events);
    if (decision.refusal) refusals.set(index, decision.refusal);
  });
  const appends: StreamAppend<LeadEvent>[] = [...leads].map(([leadId, lead]) => ({
    streamId: streamIdOf(leadId),
    expectedVersion: lead.version,
    events: lead.events,
  }));
  await appendToStreams(tx, appends);
  const byTopic = leadEventsByTopic(appends.flatMap((a) => a.events));
  await publishRecords(deps.producer, deps.codecs.lifecycle, byTopic.lifecycle);
  await publishRecords(deps.producer, deps.codecs.sla, byTopic.sla);
  await publishRecords(deps.producer, deps.codecs.recycled, byTopic.recycled);
  const timers = [...leads].flatMap(([leadId, lead]) => pendingTimers(lead.state, deps.rules).map((t) => ({ leadId, ...t })));
  await replaceTimers(tx, leadIds, timers);
  await saveRotations(tx, before, rotations);
  return refusals;
}
