import type { EngagementEvent, IdentityEvent, LeadScored, LifecycleEvent, OutcomeEvent, RecycledEvent, RecycleReason, SlaEvent, Touch } from '@leadflow/schemas';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** 2026-03-02T00:00:00Z */
export const T0 = 1_772_409_600_000;
export const at = (minutes: number): number => T0 + minutes * MINUTE_MS;

let ids = 0;
/** A fresh event id, unique within the test run. */
export const nextId = (): string => {
  ids += 1;
  return `00000000-0000-4000-8000-${ids.toString(16).padStart(12, '0')}`;
};

const snapshot = (grade: LeadScored['grade']) => ({
  scoresEventId: '6a1c6a0e-0c5b-4a57-9a7e-0e8b2b9b4f11',
  modelVersion: 'default.v1',
  total: 70,
  grade,
  fit: 50,
  intent: 40,
  readiness: 30,
});

type Payload<T extends LifecycleEvent['type']> = Extract<LifecycleEvent, { type: T }>['payload'];

/** A lifecycle event of `leadId` as hand-off publishes it. */
export function lifecycle<T extends LifecycleEvent['type']>(leadId: string, minutes: number, type: T, payload: Payload<T>): LifecycleEvent {
  return { eventId: nextId(), leadId, occurredAt: at(minutes), type, payload } as LifecycleEvent;
}

export const mql = (leadId: string, minutes: number, grade: LeadScored['grade'] = 'C') =>
  lifecycle(leadId, minutes, 'lead_qualified_mql', { ...snapshot(grade), fromStage: 'lead' });

export const sql = (leadId: string, minutes: number, grade: LeadScored['grade'] = 'B', assignment = { owner: 'malik.haddad', team: 'routing-specialists', rule: 'routing-specialist' }) =>
  lifecycle(leadId, minutes, 'lead_qualified_sql', {
    ...snapshot(grade),
    fromStage: 'mql',
    route: 'self_qualified',
    bantEstablished: ['budget', 'need', 'timeline'],
    assignment,
    slaDeadline: at(minutes + 60),
  });

export const recycled = (leadId: string, minutes: number, reason: RecycleReason = 'rejected_by_sales'): RecycledEvent => ({
  eventId: nextId(),
  leadId,
  occurredAt: at(minutes),
  type: 'lead_recycled',
  payload: { reason, fromStage: 'sql' },
});

type SlaPayload<T extends SlaEvent['type']> = Extract<SlaEvent, { type: T }>['payload'];

export function sla<T extends SlaEvent['type']>(leadId: string, minutes: number, type: T, payload: SlaPayload<T>): SlaEvent {
  return { eventId: nextId(), leadId, occurredAt: at(minutes), type, payload } as SlaEvent;
}

/** A touch as scoring keeps it: paid social by default, organic with `{ utmSource: 'google' }` and no campaign. */
export function touch(minutes: number, attribution: Partial<Touch> = { campaignId: 'q4-pricing-webinar', utmSource: 'linkedin' }): Touch {
  return { eventId: nextId(), type: 'page_viewed', occurredAt: at(minutes), source: 'web', ...attribution };
}

/** Scores of `leadId` as scoring publishes them. */
export function scored(leadId: string, minutes: number, overrides: Partial<LeadScored> = {}): LeadScored {
  return {
    eventId: nextId(),
    leadId,
    modelVersion: 'default.v1',
    evaluatedAt: at(minutes),
    cause: 'event',
    causeEventIds: [],
    fit: 50,
    intent: 30,
    readiness: 20,
    total: 47,
    grade: 'C',
    breakdown: [],
    signals: { contactConsent: 'unknown', unsubscribed: false, demoRequested: false, contactRequested: false, bantEstablished: [] },
    eventsApplied: 1,
    ...overrides,
  };
}

type OutcomePayload<T extends OutcomeEvent['type']> = Extract<OutcomeEvent, { type: T }>['payload'];

export function outcome<T extends OutcomeEvent['type']>(leadId: string | undefined, minutes: number, type: T, payload: OutcomePayload<T>): OutcomeEvent {
  return {
    eventId: nextId(),
    occurredAt: at(minutes),
    receivedAt: at(minutes),
    source: 'crm',
    ...(leadId && { leadId }),
    type,
    payload,
  } as OutcomeEvent;
}

type EngagementPayload<T extends EngagementEvent['type']> = Extract<EngagementEvent, { type: T }>['payload'];

export function engagement<T extends EngagementEvent['type']>(
  subject: { leadId?: string; anonymousId?: string },
  minutes: number,
  type: T,
  payload: EngagementPayload<T>,
  context: EngagementEvent['context'] = { campaignId: 'q4-pricing-webinar', utmSource: 'linkedin' },
): EngagementEvent {
  return { eventId: nextId(), occurredAt: at(minutes), receivedAt: at(minutes), source: 'web', ...subject, context, type, payload } as EngagementEvent;
}

export function identified(anonymousId: string, leadId: string, minutes: number): IdentityEvent {
  return {
    eventId: nextId(),
    occurredAt: at(minutes),
    receivedAt: at(minutes),
    source: 'web',
    leadId,
    type: 'lead_identified',
    payload: { anonymousId, leadId },
  };
}

/** Every order of `items`' elements is a permutation; fast-check shuffles with this. */
export const byLead = <T extends { leadId: string }>(rows: T[]): T[] => [...rows].sort((a, b) => a.leadId.localeCompare(b.leadId));
