import type { HandoffContext, LeadActivityEvent, Touch } from '@leadflow/schemas';
import { emptyDecayedSum, type DecayedSum } from './decay';
import type { FitDimension, IntentDimension, ReadinessDimension } from './dimensions';

type PayloadOf<T extends LeadActivityEvent['type']> = Extract<LeadActivityEvent, { type: T }>['payload'];

/** Where an event sits in event time; ties are broken by event id. */
export type EventPosition = { occurredAt: number; eventId: string };

/** The winning (latest) value of a latest-value dimension, with the points it gave when folded. */
export type LatestValue = EventPosition & { points: number; disqualifiedBy?: string };

/** The latest answer of a BANT dimension as the lead gave it, with the points it gave. */
export type BantAnswer = LatestValue & { answer: PayloadOf<'qualification_captured'>['value']; confidence: number };

/** One event's share of a dimension, undecayed. */
export type Contribution = EventPosition & { type: string; points: number };

export type IntentState = DecayedSum & { top: Contribution[] };

export type TrackedFeature = { feature: string; firstAt: number; firstEventId: string; explorations: number };

export type ContactConsent = EventPosition & { granted: boolean };

/** The fields of one captured profile that are still the latest the lead gave. */
export type ProfileSnapshot = EventPosition & HandoffContext['profile'];

export type ConsumedAsset = EventPosition & Pick<PayloadOf<'content_consumed'>, 'assetId' | 'assetType'>;

export type AskedQuestion = EventPosition & PayloadOf<'question_asked'>;

/** What the lead told us that sales hears at hand-off, beyond the scores; bounded by the model. */
export type HandoffFacts = {
  /** At most one snapshot per profile field; together they hold each field's latest value. */
  profile: ProfileSnapshot[];
  /** Distinct high-value assets by their latest consumption, most recent first. */
  recentAssets: ConsumedAsset[];
  /** Most recent first. */
  questions: AskedQuestion[];
  /** Names of the most explored of the tracked `features`, most explored first. */
  topFeatures: string[];
  firstTouch: Touch | null;
  lastTouch: Touch | null;
};

/** Everything scoring keeps per lead: small and JSON-serializable (stored as jsonb). */
export type LeadScoreState = {
  fit: Record<FitDimension, LatestValue | null>;
  intent: Record<IntentDimension, IntentState>;
  readiness: Record<ReadinessDimension, BantAnswer | null>;
  /** The latest company named on identification, kept for the competitor check. */
  company: LatestValue | null;
  /** Distinct features by first exploration, bounded by the model. */
  features: TrackedFeature[];
  signals: {
    contactConsent: ContactConsent | null;
    unsubscribed: boolean;
    demoRequested: boolean;
    contactRequested: boolean;
  };
  handoff: HandoffFacts;
  eventsApplied: number;
};

const emptyIntent = (): IntentState => ({ ...emptyDecayedSum(), top: [] });

const noHandoffFacts = (): HandoffFacts => ({
  profile: [],
  recentAssets: [],
  questions: [],
  topFeatures: [],
  firstTouch: null,
  lastTouch: null,
});

export function initialLeadScoreState(): LeadScoreState {
  return {
    fit: { companySizeRevenue: null, industry: null, roleSeniority: null, geography: null },
    intent: {
      contentEngagement: emptyIntent(),
      featureInterest: emptyIntent(),
      questionQuality: emptyIntent(),
      returnVisits: emptyIntent(),
      sharingStakeholders: emptyIntent(),
    },
    readiness: { budget: null, authority: null, need: null, timeline: null },
    company: null,
    features: [],
    signals: { contactConsent: null, unsubscribed: false, demoRequested: false, contactRequested: false },
    handoff: noHandoffFacts(),
    eventsApplied: 0,
  };
}

// States stored before the hand-off facts existed lack them; they start empty rather than fail the fold.
export const handoffFactsOf = (state: LeadScoreState): HandoffFacts =>
  (state as Partial<LeadScoreState>).handoff ?? noHandoffFacts();
