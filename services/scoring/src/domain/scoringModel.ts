import { assetTypes, describeIssues, seniorities } from '@leadflow/schemas';
import { z } from 'zod';

const points = z.number().min(0);
const strength = z.number().min(0).max(1);
const halfLifeDays = z.number().positive();
const names = z.array(z.string().min(1));

const capped = z.strictObject({ cap: points });
const decaying = z.strictObject({ cap: points, halfLifeDays });

/** Values from `min` (inclusive) up to `max` (exclusive; open-ended when absent). */
const band = z.strictObject({ min: z.number().min(0), max: z.number().min(0).optional(), points });

const fit = z.strictObject({
  dimensions: z.strictObject({
    companySizeRevenue: capped,
    industry: capped,
    roleSeniority: capped,
    geography: capped,
  }),
  /** The better of the size band and the revenue band counts. */
  companySizeBands: z.array(band),
  revenueBands: z.array(band),
  industryTiers: z.array(z.strictObject({ industries: names, points })),
  otherIndustryPoints: points,
  seniorityPoints: z.strictObject({
    student: points,
    individual: points,
    manager: points,
    director: points,
    vp: points,
    c_level: points,
    owner: points,
  }),
  servedCountries: z.array(z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code')),
  servedCountryPoints: points,
});

const intent = z.strictObject({
  dimensions: z.strictObject({
    contentEngagement: decaying,
    featureInterest: decaying,
    questionQuality: decaying,
    returnVisits: decaying,
    sharingStakeholders: decaying,
  }),
  points: z.strictObject({
    pageView: points,
    assetTypes: z.strictObject({
      whitepaper: points,
      video: points,
      webinar: points,
      case_study: points,
      pricing: points,
      demo: points,
      docs: points,
    }),
    /** Share of the asset points when the completion is not reported. */
    unknownCompletion: strength,
    featureExplored: points,
    /** Added once per distinct feature, at its first exploration. */
    newFeatureBonus: points,
    toolCompleted: points,
    toolStarted: points,
    questionSpecificity: points,
    returningSession: points,
    contentShared: points,
    perRecipient: points,
    maxRecipientsCounted: z.int().min(0),
    emailClick: points,
    emailOpen: points,
    linkOpened: points,
    formSubmitted: points,
    demoRequested: points,
    contactRequested: points,
  }),
  highValueContent: z.strictObject({
    /** Case-insensitive substrings of the URL. */
    urlPatterns: names,
    pageViewPoints: points,
    assetTypes: z.array(z.enum(assetTypes)),
    assetBonusPoints: points,
  }),
  /** Bounds the stored distinct features; beyond it the feature bonus is already far above its cap. */
  maxTrackedFeatures: z.int().min(1).max(500),
});

const timelineBand = z.strictObject({ maxMonths: z.number().min(0), strength });

const readiness = z.strictObject({
  dimensions: z.strictObject({ budget: decaying, authority: decaying, need: decaying, timeline: decaying }),
  /** A BANT dimension is established when its points reach this share of its cap. */
  establishedShare: strength,
  strength: z.strictObject({
    budget: z.strictObject({ approved: strength, range: strength, notApproved: strength, unspecified: strength }),
    authority: z.strictObject({ decisionMaker: strength, influencer: strength, unspecified: strength }),
    need: z.strictObject({
      high: strength,
      medium: strength,
      low: strength,
      painPointsOnly: strength,
      unspecified: strength,
    }),
    timeline: z.strictObject({
      bands: z.array(timelineBand).min(1),
      beyond: strength,
      byStage: z.strictObject({
        researching: strength,
        evaluating: strength,
        shortlisting: strength,
        deciding: strength,
        purchasing: strength,
      }),
      unspecified: strength,
    }),
  }),
});

const negativeSignals = z.strictObject({
  unsubscribedIntentPenalty: points,
  contactConsentWithdrawn: z.enum(['signalOnly', 'disqualify']),
  disqualifyingSeniorities: z.array(z.enum(seniorities)),
  competitorIndustries: names,
  competitorCompanies: names,
  disqualifyOutsideServedCountries: z.boolean(),
  /** Ceiling of the total of a disqualified lead. */
  disqualifiedMaxTotal: z.int().min(0).max(100),
});

const grades = z
  .strictObject({
    A: z.int().min(0).max(100),
    B: z.int().min(0).max(100),
    C: z.int().min(0).max(100),
    D: z.int().min(0).max(100),
  })
  .refine((g) => g.A > g.B && g.B > g.C && g.C > g.D, 'expected A > B > C > D');

const listBound = z.int().min(0).max(50);

/** How much of what the lead told us each lead's state keeps for the hand-off to sales. */
const handoffContext = z
  .strictObject({
    maxQuestions: listBound.default(5),
    /** Distinct assets of the high-value types (intent.highValueContent.assetTypes). */
    maxAssets: listBound.default(5),
    maxFeatures: listBound.default(5),
  })
  .prefault({});

/** The scoring model: every number and list that turns events into scores and a hand-off context. */
export const scoringModelSchema = z
  .strictObject({
    version: z.string().min(1),
    totalDenominator: z.number().positive(),
    maxEventAgeDays: z.number().positive(),
    topContributors: z.int().min(0).max(50),
    grades,
    fit,
    intent,
    readiness,
    negativeSignals,
    handoffContext,
  })
  .refine((m) => m.handoffContext.maxFeatures <= m.intent.maxTrackedFeatures, {
    message: 'exceeds intent.maxTrackedFeatures: only tracked features can be handed off',
    path: ['handoffContext', 'maxFeatures'],
  });

export type ScoringModel = z.infer<typeof scoringModelSchema>;

export type ParsedScoringModel = { ok: true; model: ScoringModel } | { ok: false; errors: string[] };

export function parseScoringModel(input: unknown): ParsedScoringModel {
  const parsed = scoringModelSchema.safeParse(input);
  return parsed.success
    ? { ok: true, model: parsed.data }
    : { ok: false, errors: describeIssues(parsed.error.issues) };
}
