import type { TrackedFeature } from './leadScoreState';

/** The `limit` features explored most often, most first; the earliest discovered first on a tie. */
export function mostExploredFeatures(features: readonly TrackedFeature[], limit: number): TrackedFeature[] {
  // Tracked features are kept in discovery order and the sort is stable, so ties keep that order.
  return [...features].sort((a, b) => b.explorations - a.explorations).slice(0, limit);
}
