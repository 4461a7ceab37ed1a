import type { LeadActivityEvent } from '@leadflow/schemas';
import { addToDecayedSum } from './decay';
import type { FitDimension } from './dimensions';
import { fitValuesOf } from './fitValuesOf';
import { foldHandoffFacts } from './foldHandoffFacts';
import { intentContributionOf } from './intentContributionOf';
import { latestOf } from './latestOf';
import type { BantAnswer, LatestValue, LeadScoreState } from './leadScoreState';
import { positionOf } from './positionOf';
import { readinessValueOf } from './readinessValueOf';
import type { ScoringModel } from './scoringModel';
import { mergeTopContributors } from './topContributors';
import { mergeTrackedFeatures } from './trackedFeatures';

type Of<T extends LeadActivityEvent['type']> = Extract<LeadActivityEvent, { type: T }>;

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

function applyIntent(state: LeadScoreState, event: LeadActivityEvent, model: ScoringModel): LeadScoreState {
  const contribution = intentContributionOf(event, model);
  if (!contribution || contribution.points <= 0) return state;
  const { dimension, points } = contribution;
  const { halfLifeDays } = model.intent.dimensions[dimension];
  const current = state.intent[dimension];
  const added = { ...positionOf(event), type: event.type, points };
  const next = {
    ...addToDecayedSum(current, points, event.occurredAt, halfLifeDays),
    top: mergeTopContributors(current.top, [added], model.topContributors, halfLifeDays),
  };
  return { ...state, intent: { ...state.intent, [dimension]: next } };
}

function applyProfile(state: LeadScoreState, event: Of<'profile_captured'>, model: ScoringModel): LeadScoreState {
  const values = fitValuesOf(event.payload, positionOf(event), model);
  const fit = { ...state.fit };
  for (const [dimension, value] of Object.entries(values) as [FitDimension, LatestValue][]) {
    fit[dimension] = latestOf(fit[dimension], value);
  }
  return { ...state, fit };
}

function applyQualification(
  state: LeadScoreState,
  event: Of<'qualification_captured'>,
  model: ScoringModel,
): LeadScoreState {
  const { dimension, value: answer, confidence } = event.payload;
  const value: BantAnswer = { ...readinessValueOf(event.payload, positionOf(event), model), answer, confidence };
  return { ...state, readiness: { ...state.readiness, [dimension]: latestOf(state.readiness[dimension], value) } };
}

function applyConsent(state: LeadScoreState, event: Of<'consent_changed'>): LeadScoreState {
  if (event.payload.purpose !== 'contact') return state;
  const consent = { ...positionOf(event), granted: event.payload.granted };
  return { ...state, signals: { ...state.signals, contactConsent: latestOf(state.signals.contactConsent, consent) } };
}

function applyIdentity(state: LeadScoreState, event: Of<'lead_identified'>, model: ScoringModel): LeadScoreState {
  const { company } = event.payload;
  if (company === undefined) return state;
  // The shell put the model's name of a competitor in place of the sealed company that names one.
  const competitor = model.negativeSignals.competitorCompanies.find((c) => sameName(c, company));
  const value: LatestValue = {
    ...positionOf(event),
    points: 0,
    ...(competitor !== undefined && { disqualifiedBy: `competitor company ${competitor}` }),
  };
  return { ...state, company: latestOf(state.company, value) };
}

function applyFeature(state: LeadScoreState, event: Of<'feature_explored'>, model: ScoringModel): LeadScoreState {
  const seen = {
    feature: event.payload.feature,
    firstAt: event.occurredAt,
    firstEventId: event.eventId,
    explorations: 1,
  };
  return { ...state, features: mergeTrackedFeatures(state.features, [seen], model.intent.maxTrackedFeatures) };
}

const withSignal = (
  state: LeadScoreState,
  signal: 'unsubscribed' | 'demoRequested' | 'contactRequested',
): LeadScoreState => ({
  ...state,
  signals: { ...state.signals, [signal]: true },
});

function applyFacts(state: LeadScoreState, event: LeadActivityEvent, model: ScoringModel): LeadScoreState {
  switch (event.type) {
    case 'profile_captured':
      return applyProfile(state, event, model);
    case 'qualification_captured':
      return applyQualification(state, event, model);
    case 'consent_changed':
      return applyConsent(state, event);
    case 'lead_identified':
      return applyIdentity(state, event, model);
    case 'feature_explored':
      return applyFeature(state, event, model);
    case 'unsubscribed':
      return withSignal(state, 'unsubscribed');
    case 'demo_requested':
      return withSignal(state, 'demoRequested');
    case 'contact_requested':
      return withSignal(state, 'contactRequested');
    case 'session_started':
    case 'page_viewed':
    case 'content_consumed':
    case 'tool_used':
    case 'email_engaged':
    case 'form_submitted':
    case 'content_shared':
    case 'link_opened':
    case 'question_asked':
      return state;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown activity ${JSON.stringify(unexpected)}`);
    }
  }
}

/** Applies one (already deduplicated) activity event to a lead's scoring state. */
export function foldActivity(state: LeadScoreState, event: LeadActivityEvent, model: ScoringModel): LeadScoreState {
  const counted = { ...state, eventsApplied: state.eventsApplied + 1 };
  const scored = applyIntent(applyFacts(counted, event, model), event, model);
  return { ...scored, handoff: foldHandoffFacts(scored, event, model) };
}
