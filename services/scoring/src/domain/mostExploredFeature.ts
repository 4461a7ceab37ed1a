import type { LeadScoreState } from './leadScoreState';

/** The feature explored most often (earliest discovered on a tie), for routing to a specialist. */
export function mostExploredFeature(state: LeadScoreState): string | undefined {
  let best = state.features[0];
  for (const f of state.features) if (best && f.explorations > best.explorations) best = f;
  return best?.feature;
}
