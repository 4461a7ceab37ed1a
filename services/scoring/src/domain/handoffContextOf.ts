import type { HandoffContext } from '@leadflow/schemas';
import { readinessDimensions } from './dimensions';
import { handoffFactsOf, type LeadScoreState, type ProfileSnapshot } from './leadScoreState';

type Profile = HandoffContext['profile'];

// Snapshots hold disjoint fields, so merging them in any order gives each field its latest value.
const latestProfileOf = (snapshots: readonly ProfileSnapshot[]): Profile =>
  snapshots.reduce<Profile>((profile, { occurredAt: _at, eventId: _id, ...fields }) => ({ ...profile, ...fields }), {});

function topFeaturesOf(state: LeadScoreState, names: readonly string[]): HandoffContext['topFeatures'] {
  return names.flatMap((name) => {
    const tracked = state.features.find((f) => f.feature === name);
    return tracked ? [{ feature: name, explorations: tracked.explorations }] : [];
  });
}

// Answers folded before they were kept with their points have none to tell.
const bantOf = (state: LeadScoreState): HandoffContext['bant'] =>
  readinessDimensions.flatMap((dimension) => {
    const latest = state.readiness[dimension];
    if (latest?.answer === undefined) return [];
    return [{ dimension, answer: latest.answer, confidence: latest.confidence, occurredAt: latest.occurredAt }];
  });

/**
 * What sales needs to pick up the conversation, read from a lead's scoring state: the latest value of
 * each profile field, the most explored features, the high-value assets and questions most recent
 * first, the latest BANT answer per dimension, and the first and last touch with their attribution.
 */
export function handoffContextOf(state: LeadScoreState): HandoffContext {
  const facts = handoffFactsOf(state);
  return {
    profile: latestProfileOf(facts.profile),
    topFeatures: topFeaturesOf(state, facts.topFeatures),
    recentAssets: facts.recentAssets.map(({ assetId, assetType, occurredAt }) => ({ assetId, assetType, occurredAt })),
    questions: facts.questions.map(({ text, topic, specificity, occurredAt }) => ({
      text,
      topic,
      specificity,
      occurredAt,
    })),
    bant: bantOf(state),
    ...(facts.firstTouch && { firstTouch: facts.firstTouch }),
    ...(facts.lastTouch && { lastTouch: facts.lastTouch }),
  };
}
