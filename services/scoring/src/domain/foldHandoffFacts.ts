import type { LeadActivityEvent } from '@leadflow/schemas';
import { earliestOf, latestOf } from './latestOf';
import { handoffFactsOf, type HandoffFacts, type LeadScoreState } from './leadScoreState';
import { mergeMostRecent } from './mergeMostRecent';
import { mergeProfileSnapshots } from './mergeProfileSnapshots';
import { mostExploredFeatures } from './mostExploredFeatures';
import { positionOf } from './positionOf';
import type { ScoringModel } from './scoringModel';
import { touchOf } from './touchOf';

type Of<T extends LeadActivityEvent['type']> = Extract<LeadActivityEvent, { type: T }>;

function withTouch(facts: HandoffFacts, event: LeadActivityEvent): HandoffFacts {
  const touch = touchOf(event);
  return { ...facts, firstTouch: earliestOf(facts.firstTouch, touch), lastTouch: latestOf(facts.lastTouch, touch) };
}

function withAsset(facts: HandoffFacts, event: Of<'content_consumed'>, model: ScoringModel): HandoffFacts {
  const { assetId, assetType } = event.payload;
  if (!model.intent.highValueContent.assetTypes.includes(assetType)) return facts;
  const consumed = { ...positionOf(event), assetId, assetType };
  const { maxAssets } = model.handoffContext;
  return { ...facts, recentAssets: mergeMostRecent(facts.recentAssets, [consumed], (a) => a.assetId, maxAssets) };
}

function withQuestion(facts: HandoffFacts, event: Of<'question_asked'>, model: ScoringModel): HandoffFacts {
  const asked = { ...positionOf(event), ...event.payload };
  const { maxQuestions } = model.handoffContext;
  return { ...facts, questions: mergeMostRecent(facts.questions, [asked], (q) => q.eventId, maxQuestions) };
}

function withFacts(
  facts: HandoffFacts,
  state: LeadScoreState,
  event: LeadActivityEvent,
  model: ScoringModel,
): HandoffFacts {
  switch (event.type) {
    case 'profile_captured':
      return { ...facts, profile: mergeProfileSnapshots(facts.profile, [{ ...positionOf(event), ...event.payload }]) };
    case 'content_consumed':
      return withAsset(facts, event, model);
    case 'question_asked':
      return withQuestion(facts, event, model);
    case 'feature_explored': {
      const top = mostExploredFeatures(state.features, model.handoffContext.maxFeatures);
      return { ...facts, topFeatures: top.map((f) => f.feature) };
    }
    case 'session_started':
    case 'page_viewed':
    case 'tool_used':
    case 'email_engaged':
    case 'form_submitted':
    case 'content_shared':
    case 'demo_requested':
    case 'contact_requested':
    case 'link_opened':
    case 'unsubscribed':
    case 'qualification_captured':
    case 'consent_changed':
    case 'lead_identified':
      return facts;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown activity ${JSON.stringify(unexpected)}`);
    }
  }
}

/**
 * The hand-off facts once `event` is applied, given the state that already counts it (its tracked
 * features included). Every part is a latest, earliest or most-recent choice by event position, so
 * the facts depend on the set of events, not on their order; BANT answers live with readiness.
 */
export function foldHandoffFacts(state: LeadScoreState, event: LeadActivityEvent, model: ScoringModel): HandoffFacts {
  return withFacts(withTouch(handoffFactsOf(state), event), state, event, model);
}
