import { z } from 'zod';
import { eventId, subjectId, timestampMillis } from './common';

export const grades = ['A', 'B', 'C', 'D', 'F'] as const;
export type Grade = (typeof grades)[number];

const points = z.number().min(0);

/** One event's share of a dimension at evaluation time, after decay. */
export const scoreContributor = z.object({
  eventId,
  type: z.string(),
  occurredAt: timestampMillis,
  points,
});

export const dimensionScore = z.object({
  score: z.enum(['fit', 'intent', 'readiness']),
  dimension: z.string(),
  points,
  cap: points,
  topContributors: z.array(scoreContributor),
});

/** Facts beyond points that the hand-off rules need. */
export const leadSignals = z.object({
  contactConsent: z.enum(['granted', 'withdrawn', 'unknown']),
  unsubscribed: z.boolean(),
  demoRequested: z.boolean(),
  contactRequested: z.boolean(),
  bantEstablished: z.array(z.enum(['budget', 'authority', 'need', 'timeline'])),
  disqualifiedBy: z.string().optional(),
});

/** A lead's scores at `evaluatedAt` on `leads.scores.v1`; emitted when the grade or a score changes. */
export const leadScored = z.object({
  eventId,
  leadId: subjectId,
  modelVersion: z.string(),
  evaluatedAt: timestampMillis,
  cause: z.enum(['event', 'decay', 'rescore']),
  causeEventIds: z.array(eventId),
  fit: points,
  intent: points,
  readiness: points,
  total: z.int().min(0).max(100),
  grade: z.enum(grades),
  previousGrade: z.enum(grades).optional(),
  breakdown: z.array(dimensionScore),
  signals: leadSignals,
  eventsApplied: z.int().min(0).max(2_147_483_647),
});
export type LeadScored = z.infer<typeof leadScored>;
export type LeadSignals = z.infer<typeof leadSignals>;
