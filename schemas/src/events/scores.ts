import { z } from 'zod';
import { eventId, subjectId, timestampMillis } from './common';
import { qualificationValue, seniorities } from './conversation';

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
 */
export const handoffContext = z.object({
  profile: z.object({
    companySize: z.int().min(1).max(10_000_000).optional(),
    annualRevenue: z.number().min(0).optional(),
    industry: z.string().optional(),
    role: z.string().optional(),
    seniority: z.enum(seniorities).optional(),
    country: z.string().optional(),
  }),
  topFeatures: z.array(z.object({ feature: z.string(), explorations: z.int().min(0).max(2_147_483_647) })),
  recentAssets: z.array(z.object({ assetId: z.string(), assetType: z.string(), occurredAt: timestampMillis })),
  questions: z.array(z.object({ text: z.string(), topic: z.string(), specificity: z.number(), occurredAt: timestampMillis })),
  bant: z.array(
    z.object({
      dimension: z.enum(['budget', 'authority', 'need', 'timeline']),
      answer: qualificationValue,
      confidence: z.number(),
      occurredAt: timestampMillis,
    }),
  ),
  firstTouch: touch.optional(),
  lastTouch: touch.optional(),
});
export type HandoffContext = z.infer<typeof handoffContext>;

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
  context: handoffContext.optional(),
});
export type LeadScored = z.infer<typeof leadScored>;
export type LeadSignals = z.infer<typeof leadSignals>;
