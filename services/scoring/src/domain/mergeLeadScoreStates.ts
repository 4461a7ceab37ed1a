import { mergeDecayedSums } from './decay';
import { fitDimensions, intentDimensions, readinessDimensions } from './dimensions';
import { latestOf } from './latestOf';
import type { IntentState, LeadScoreState } from './leadScoreState';
import type { ScoringModel } from './scoringModel';
import { mergeTopContributors } from './topContributors';
import { mergeTrackedFeatures } from './trackedFeatures';

function mergeIntent(a: IntentState, b: IntentState, halfLifeDays: number, limit: number): IntentState {
  return { ...mergeDecayedSums(a, b, halfLifeDays), top: mergeTopContributors(a.top, b.top, limit, halfLifeDays) };
}

const mergeLatest = <D extends string, V extends { occurredAt: number; eventId: string }>(
  dimensions: readonly D[],
  a: Record<D, V | null>,
  b: Record<D, V | null>,
): Record<D, V | null> => Object.fromEntries(dimensions.map((d) => [d, latestOf(a[d], b[d])])) as Record<D, V | null>;

function mergeIntents(a: LeadScoreState, b: LeadScoreState, model: ScoringModel): LeadScoreState['intent'] {
  const entries = intentDimensions.map((d) => [
    d,
    mergeIntent(a.intent[d], b.intent[d], model.intent.dimensions[d].halfLifeDays, model.topContributors),
  ]);
  return Object.fromEntries(entries) as LeadScoreState['intent'];
}

/**
 * Combines the state built under an anonymous id into the lead's state, as if both event sets had
 * been folded into one (the sets are disjoint: each event carries either id).
 */
export function mergeLeadScoreStates(a: LeadScoreState, b: LeadScoreState, model: ScoringModel): LeadScoreState {
  return {
    fit: mergeLatest(fitDimensions, a.fit, b.fit),
    intent: mergeIntents(a, b, model),
    readiness: mergeLatest(readinessDimensions, a.readiness, b.readiness),
    company: latestOf(a.company, b.company),
    features: mergeTrackedFeatures(a.features, b.features, model.intent.maxTrackedFeatures),
    signals: {
      contactConsent: latestOf(a.signals.contactConsent, b.signals.contactConsent),
      unsubscribed: a.signals.unsubscribed || b.signals.unsubscribed,
      demoRequested: a.signals.demoRequested || b.signals.demoRequested,
      contactRequested: a.signals.contactRequested || b.signals.contactRequested,
    },
    eventsApplied: a.eventsApplied + b.eventsApplied,
  };
}
