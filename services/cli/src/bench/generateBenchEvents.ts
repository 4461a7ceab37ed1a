import { randomUUID } from 'node:crypto';
import { testing } from '@leadflow/kit';
import { topicKeyOfEventType, type ActivityEvent, type InboundTopicKey } from '@leadflow/schemas';
import { personaPatterns, type ActivityStep, type PersonaPattern } from './personaPatterns';

export interface BenchEvent {
  topicKey: InboundTopicKey;
  /** The record as it is produced to its topic, past ingest: personal fields carry envelope-shaped stand-ins. */
  record: ActivityEvent;
  /** The same event as a client posts it to ingest, personal fields in plaintext. */
  posted: ActivityEvent;
}

interface PlannedStep {
  step: ActivityStep;
  /** Set while the visitor is still anonymous. */
  anonymous: boolean;
}

/** Event time spans the last hours, so decay matters but no event is near the model's horizon. */
const SPAN_MS = 6 * 60 * 60 * 1000;

/**
 * Builds `events` valid inbound records for `leads` leads, cycling persona patterns. Every fourth
 * lead starts as an anonymous visitor and identifies later, so stitching holds and releases
 * activity. Leads are interleaved round by round, as live traffic would be, and each lead's events
 * are in event-time order. Personal fields are in clear, as clients post them: what goes straight
 * to a topic is sealed first (`bench:scoring`), and is checked against the topic's contract there.
 */
export function generateBenchEvents(options: { events: number; leads: number; runId: string }, now: number): BenchEvent[] {
  const journeys = Array.from({ length: options.leads }, (_, lead) => planJourney(lead, quotaOf(lead, options), options.runId));
  const rounds = journeys.reduce((most, j) => Math.max(most, j.length), 0);
  const roundMs = Math.floor(SPAN_MS / rounds);
  const start = now - SPAN_MS - roundMs;
  const out: BenchEvent[] = [];
  for (let round = 0; round < rounds; round += 1) {
    journeys.forEach((journey, lead) => {
      const planned = journey[round];
      if (!planned) return;
      const occurredAt = start + round * roundMs + Math.floor((lead * roundMs) / options.leads);
      out.push(toBenchEvent(planned, lead, occurredAt, now, options.runId));
    });
  }
  return out;
}

function quotaOf(lead: number, options: { events: number; leads: number }): number {
  return Math.floor(options.events / options.leads) + (lead < options.events % options.leads ? 1 : 0);
}

function planJourney(lead: number, quota: number, runId: string): PlannedStep[] {
  const pattern = patternOf(lead);
  const anonymous = (pattern.anonymous ?? []).slice(0, Math.max(0, quota - 1));
  const steps: PlannedStep[] = anonymous.map((stepOf, i) => ({ step: stepOf({ lead, step: i }), anonymous: true }));
  if (pattern.anonymous) steps.push({ step: identification(lead, runId), anonymous: false });
  for (const stepOf of [...pattern.opening, ...cycle(pattern.loop, quota)]) {
    if (steps.length >= quota) break;
    steps.push({ step: stepOf({ lead, step: steps.length }), anonymous: false });
  }
  return steps;
}

const patternOf = (lead: number): PersonaPattern => personaPatterns[lead % personaPatterns.length] as PersonaPattern;

const cycle = <T>(values: T[], length: number): T[] => Array.from({ length }, (_, i) => values[i % values.length] as T);

const leadIdOf = (lead: number, runId: string) => `lead-${lead}-${runId}`;
const visitorIdOf = (lead: number, runId: string) => `anon-${lead}-${runId}`;

function identification(lead: number, runId: string): ActivityStep {
  const payload = { anonymousId: visitorIdOf(lead, runId), leadId: leadIdOf(lead, runId), email: `lead${lead}@example.com`, company: `Company ${lead}` };
  return { type: 'lead_identified', payload };
}

function toBenchEvent(planned: PlannedStep, lead: number, occurredAt: number, now: number, runId: string): BenchEvent {
  const { step } = planned;
  const subject =
    step.type === 'lead_identified'
      ? { leadId: step.payload.leadId, anonymousId: step.payload.anonymousId }
      : planned.anonymous
        ? { anonymousId: visitorIdOf(lead, runId) }
        : { leadId: leadIdOf(lead, runId) };
  const envelope = { eventId: randomUUID(), occurredAt, receivedAt: now, source: 'bench', ...subject, context: patternOf(lead).context };
  const posted = { ...envelope, ...step } as ActivityEvent;
  const topicKey = topicKeyOfEventType.get(posted.type);
  if (!topicKey) throw new TypeError(`event type ${posted.type} has no inbound topic`);
  // Produced past ingest, so personal fields take an envelope-shaped stand-in (ingest's real sealing is not measured here).
  const record = testing.withSealedLikeFields(topicKey, posted);
  return { topicKey, record, posted };
}
