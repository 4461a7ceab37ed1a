import type { Producer } from 'kafkajs';
import { publishRecords, type BatchHandler, type Codecs } from '@leadflow/kit';
import type { LeadScored, LifecycleEvent } from '@leadflow/schemas';
import { decide, evolve, initialLeadLifecycleState, type HandoffRules, type LeadLifecycleState } from '../domain';
import { appendToStreams, readStreams, type StreamAppend } from '../eventStore';

export const streamIdOf = (leadId: string): string => `lead-${leadId}`;

export interface HandOffBatchDeps {
  rules: HandoffRules;
  producer: Producer;
  codecs: Codecs;
}

/**
 * Turns a batch of scores into lifecycle events: each lead's stream is read once, every score is
 * decided against the evolving state, the new events are appended with optimistic concurrency and
 * published. Event ids are deterministic, so a redelivered batch publishes the same transitions.
 */
export function handOffBatch(deps: HandOffBatchDeps): BatchHandler<LeadScored> {
  return async (records, tx) => {
    const leadIds = [...new Set(records.map((r) => r.value.leadId))];
    const streams = await readStreams<LifecycleEvent>(tx, leadIds.map(streamIdOf));
    const decided = new Map<string, { state: LeadLifecycleState; expectedVersion: number; events: LifecycleEvent[] }>();
    for (const leadId of leadIds) {
      const history = streams.get(streamIdOf(leadId)) ?? [];
      const state = history.reduce((s, stored) => evolve(s, stored.event), initialLeadLifecycleState());
      decided.set(leadId, { state, expectedVersion: history.length, events: [] });
    }
    for (const { value: scores } of records) {
      const lead = decided.get(scores.leadId);
      if (!lead) continue;
      const events = decide({ type: 'ApplyScores', leadId: scores.leadId, scores, now: scores.evaluatedAt }, lead.state, deps.rules);
      lead.state = events.reduce(evolve, lead.state);
      lead.events.push(...events);
    }
    const appends: StreamAppend<LifecycleEvent>[] = [...decided].map(([leadId, d]) => ({
      streamId: streamIdOf(leadId),
      expectedVersion: d.expectedVersion,
      events: d.events,
    }));
    await appendToStreams(tx, appends);
    await publishRecords(deps.producer, deps.codecs.lifecycle, appends.flatMap((a) => a.events));
    return [];
  };
}
