import { z } from 'zod';
import { eventId, money, subjectId, timestampMillis } from './common';
import { qualificationValue, seniorities } from './conversation';
import { sealedField, sealedFormOf } from './personal';

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

/** Where a touch came from: the campaign and UTM attribution of an event. */
export const touch = z.object({
  eventId,
  type: z.string(),
  occurredAt: timestampMillis,
  source: z.string(),
  campaignId: z.string().optional(),
  linkId: z.string().optional(),
  utmSource: z.string().optional(),
  utmMedium: z.string().optional(),
  utmCampaign: z.string().optional(),
});
export type Touch = z.infer<typeof touch>;

/**
 * What sales needs to open the conversation without asking again what the lead already told us:
 * who they are, what interested them, what they asked, their BANT answers, and where they came from.
 * The personal parts (role, question text, BANT free text) are the envelopes the events carried:
 * scoring copies them without opening them, and the CRM path opens them.
 */
export const handoffContext = z.object({
  profile: z.object({
    companySize: z.int().min(1).max(10_000_000).optional(),
    annualRevenue: money.optional(),
    industry: z.string().optional(),
    role: sealedField.optional(),
    seniority: z.enum(seniorities).optional(),
    country: z.string().optional(),
  }),
  topFeatures: z.array(z.object({ feature: z.string(), explorations: z.int().min(0).max(2_147_483_647) })),
  recentAssets: z.array(z.object({ assetId: z.string(), assetType: z.string(), occurredAt: timestampMillis })),
  questions: z.array(z.object({ text: sealedField, topic: z.string(), specificity: z.number(), occurredAt: timestampMillis })),
  bant: z.array(
    z.object({
      dimension: z.enum(['budget', 'authority', 'need', 'timeline']),
      answer: sealedFormOf(qualificationValue),
      confidence: z.number(),
      occurredAt: timestampMillis,
    }),
  ),
  firstTouch: touch.optional(),
  lastTouch: touch.optional(),
});
export type HandoffContext = z.infer<typeof handoffContext>;

/**
 * What a reader needs to evaluate the scores at any time at or after `evaluatedAt` without the
 * model: each decaying dimension's value before its cap at `evaluatedAt` and its half-life, and
 * the model's rules for the total and grade. At time t a dimension is worth
 * min(cap, uncapped·2^(−(t−evaluatedAt)/halfLife)); fit does not decay.
 */
export const scoreDecay = z.object({
  /** One per decaying dimension. */
  terms: z.array(
    z.object({ kind: z.enum(['intent', 'readiness']), dimension: z.string(), uncapped: points, cap: points, halfLifeDays: z.number().positive() }),
  ),
  /** Points taken off the summed intent (an unsubscribe). */
  intentPenalty: points,
  /** total = min(maxTotal, round(100·(fit + intent + readiness) / totalDenominator)). */
  totalDenominator: z.number().positive(),
  /** 100, or the ceiling of a disqualified lead. */
  maxTotal: z.int().min(0).max(100),
  /** The lowest total of each grade; below D is F. */
  gradeFloors: z.object({ A: z.int().min(0).max(100), B: z.int().min(0).max(100), C: z.int().min(0).max(100), D: z.int().min(0).max(100) }),
});
export type ScoreDecay = z.infer<typeof scoreDecay>;

/**
 * A lead's scores at `evaluatedAt` on `leads.scores.v2`: one per batch of the lead's events
 * (evaluated at its latest event time) and one per grade crossing decay causes (at that time).
 */
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
  context: handoffContext.optional(),
  decay: scoreDecay.optional(),
});
export type LeadScored = z.infer<typeof leadScored>;
export type LeadSignals = z.infer<typeof leadSignals>;
