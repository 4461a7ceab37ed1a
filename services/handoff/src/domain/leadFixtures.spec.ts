import type { HandoffContext, LeadScored, LeadSignals, OutcomeEvent } from '@leadflow/schemas';
import { payloadSchemaOf, personalFieldsOf, topics } from '@leadflow/schemas';
import rulesFile from '../../config/handoff-rules.json';
import { decide } from './decide';
import type { Decision } from './decision';
import { evolve } from './evolve';
import { parseHandoffRules, type HandoffRules } from './handoffRules';
import type { LeadCommand } from './leadCommand';
import type { LeadEvent } from './leadEvent';
import { initialLeadLifecycleState, type LeadLifecycleState } from './leadLifecycleState';
import type { LeadOutcome } from './leadOutcome';
import type { LeadTimer } from './leadTimer';
import { nextRotations } from './nextRotations';
import type { RoutingSnapshot } from './routingSnapshot';
import { topicOfLeadEvent } from './topicOfLeadEvent';

export const LEAD = 'lead-42';
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** 2025-01-01T00:00:00Z */
export const T0 = 1_735_689_600_000;
export const at = (hours: number): number => T0 + hours * HOUR_MS;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function defaultRules(): HandoffRules {
  const parsed = parseHandoffRules(rulesFile);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.rules;
}
/** The default rules, handing off at once: the settling window has tests of its own. */
export const rules: HandoffRules = { ...defaultRules(), sqlSettlingSeconds: 0 };
export const noRotations: RoutingSnapshot = { rotations: {} };

/** A question's text as scores carry it: sealed (the hand-off never opens it). */
const SEALED_QUESTION = `lf1.l.${Buffer.from('lead-1').toString('base64url')}.1.AAAAAAAAAAAAAAAA.${'A'.repeat(40)}`;

/** What scoring knows of a lead: its profile and what it explored, asked and answered. */
export function context(profile: HandoffContext['profile'] = {}, features: string[] = []): HandoffContext {
  return {
    profile,
    topFeatures: features.map((feature, i) => ({ feature, explorations: features.length - i })),
    recentAssets: [{ assetId: 'pricing-page', assetType: 'pricing', occurredAt: T0 - DAY_MS }],
    questions: [{ text: SEALED_QUESTION, topic: 'integration', specificity: 0.8, occurredAt: T0 - DAY_MS }],
    bant: [],
  };
}

/** A head of sales operations at a 5000-person company in Germany, comparing CRM sync options. */
export const germanEnterprise = context({ companySize: 5000, country: 'DE', seniority: 'director' }, ['crm-sync']);

let scoresWritten = 0;
type ScoresInput = Partial<Omit<LeadScored, 'signals'>> & { signals?: Partial<LeadSignals> };

/** Scores of LEAD as scoring publishes them; each call is a new scores event. */
export function scores({ signals, ...overrides }: ScoresInput = {}): LeadScored {
  scoresWritten += 1;
  return {
    eventId: `00000000-0000-4000-8000-${scoresWritten.toString(16).padStart(12, '0')}`,
    leadId: LEAD,
    modelVersion: 'default.v1',
    evaluatedAt: T0,
    cause: 'event',
    causeEventIds: [],
    fit: 50,
    intent: 20,
    readiness: 0,
    total: 33,
    grade: 'D',
    breakdown: [],
    eventsApplied: 5,
    signals: {
      contactConsent: 'unknown',
      unsubscribed: false,
      demoRequested: false,
      contactRequested: false,
      bantEstablished: [],
      ...signals,
    },
    ...overrides,
  };
}

export const mqlScores = { total: 45, grade: 'C', fit: 40, intent: 30, readiness: 27 } as const;
export const sqlScores = { total: 72, grade: 'B', fit: 55, intent: 40, readiness: 60 } as const;
export const threeBant = ['budget', 'authority', 'need'] as const;

/** MQL-level scores at `hours` after T0. */
export const mqlAt = (hours: number, input: ScoresInput = {}) => scores({ ...mqlScores, evaluatedAt: at(hours), ...input });
/** SQL-level scores (grade B, three BANT dimensions) of the German enterprise lead, `hours` after T0. */
export const sqlAt = (hours: number, input: ScoresInput = {}) =>
  scores({ ...sqlScores, evaluatedAt: at(hours), context: germanEnterprise, signals: { bantEstablished: [...threeBant] }, ...input });

export const applyScores = (s: LeadScored): LeadCommand => ({ type: 'ApplyScores', leadId: s.leadId, scores: s, now: s.evaluatedAt });

/** The CRM's free text as the outcome topic carries it: sealed with LEAD's key (the hand-off never opens it). */
export const sealed = (text: string): string => `lf1.l.${Buffer.from(LEAD).toString('base64url')}.1.AAAAAAAAAAAAAAAA.${Buffer.from(`${text} (sealed)`).toString('base64url')}`;

/** An outcome's payload with its personal fields sealed, as ingest seals them. */
function sealedPayload(type: string, payload: object): object {
  const fields = personalFieldsOf(payloadSchemaOf('outcome', type)).map((f) => f.path[0] as string);
  return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, fields.includes(name) && typeof value === 'string' ? sealed(value) : value]));
}

let outcomesSent = 0;
/** An outcome from the CRM about LEAD, as `leads.outcome.v2` carries it: plaintext given, personal fields sealed with `sealed`. */
export function outcome<T extends LeadOutcome['type']>(
  type: T,
  payload: Extract<OutcomeEvent, { type: T }>['payload'],
  occurredAt: number,
): LeadCommand {
  outcomesSent += 1;
  const event = {
    eventId: `00000000-0000-4000-9000-${outcomesSent.toString(16).padStart(12, '0')}`,
    occurredAt,
    receivedAt: occurredAt,
    source: 'crm',
    leadId: LEAD,
    type,
    payload: sealedPayload(type, payload),
  } as LeadOutcome;
  return { type: 'RecordOutcome', leadId: LEAD, outcome: event, now: occurredAt };
}

export const fireTimer = (timer: LeadTimer, dueAt: number, now = dueAt): LeadCommand => ({
  type: 'FireTimer',
  leadId: LEAD,
  timer,
  dueAt,
  now,
});

/** An event as published, with whatever deterministic id it got. */
export const event = (type: LeadEvent['type'], payload: unknown, occurredAt: number) => ({
  eventId: expect.stringMatching(UUID),
  leadId: LEAD,
  occurredAt,
  type,
  payload,
});

export const stateOf = (events: readonly LeadEvent[]): LeadLifecycleState =>
  events.reduce(evolve, initialLeadLifecycleState());

export type Run = { events: LeadEvent[]; decisions: Decision[]; rotations: Record<string, number> };

/** Decides the commands one after the other, as the shell would: state and rotations carried on. */
export function run(commands: readonly LeadCommand[], from: Run = { events: [], decisions: [], rotations: {} }): Run {
  return commands.reduce<Run>(({ events, decisions, rotations }, command) => {
    const decision = decide(command, stateOf(events), rules, { rotations });
    return {
      events: [...events, ...decision.events],
      decisions: [...decisions, decision],
      rotations: nextRotations(rotations, decision.events),
    };
  }, from);
}

/** The stream a lead has after these commands. */
export const historyOf = (...commands: LeadCommand[]): LeadEvent[] => run(commands).events;

/** Every published event must pass its topic's contract. */
export function expectPublishable(events: readonly LeadEvent[]): void {
  for (const e of events) {
    const topic = topicOfLeadEvent(e);
    if (!topic) continue;
    const parsed = topics[topic].schema.safeParse(e);
    expect(parsed.error?.issues ?? []).toEqual([]);
  }
}

/** given(history).when(command).then(events) — or .refused(reason). */
export const given = (...history: LeadEvent[]) => ({
  when: (command: LeadCommand, routing: RoutingSnapshot = noRotations) => {
    const decision = decide(command, stateOf(history), rules, routing);
    return {
      then: (expected: unknown[]): LeadEvent[] => {
        expect(decision).toEqual({ events: expected });
        expectPublishable(decision.events);
        return decision.events;
      },
      refused: (reason: string, expected: unknown[] = []): void => {
        expect(decision).toEqual({ events: expected, refusal: reason });
      },
    };
  },
});
