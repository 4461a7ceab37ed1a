import { emptyDecayedSum, type DecayedSum } from './decay';
import type { FitDimension, IntentDimension, ReadinessDimension } from './dimensions';

/** Where an event sits in event time; ties are broken by event id. */
export type EventPosition = { occurredAt: number; eventId: string };

/** The winning (latest) value of a latest-value dimension, with the points it gave when folded. */
export type LatestValue = EventPosition & { points: number; disqualifiedBy?: string };

/** One event's share of a dimension, undecayed. */
export type Contribution = EventPosition & { type: string; points: number };

export type IntentState = DecayedSum & { top: Contribution[] };

export type TrackedFeature = { feature: string; firstAt: number; firstEventId: string; explorations: number };

export type ContactConsent = EventPosition & { granted: boolean };

/** Everything scoring keeps per lead: small and JSON-serializable (stored as jsonb). */
export type LeadScoreState = {
  fit: Record<FitDimension, LatestValue | null>;
  intent: Record<IntentDimension, IntentState>;
  readiness: Record<ReadinessDimension, LatestValue | null>;
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
  eventsApplied: number;
};

const emptyIntent = (): IntentState => ({ ...emptyDecayedSum(), top: [] });

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
    eventsApplied: 0,
  };
}
