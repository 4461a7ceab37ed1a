import type { LeadScoreState } from './leadScoreState';
import { mostExploredFeatures } from './mostExploredFeatures';

/** The feature explored most often (earliest discovered on a tie), for routing to a specialist. */
export function mostExploredFeature(state: LeadScoreState): string | undefined {
  return mostExploredFeatures(state.features, 1)[0]?.feature;
}
