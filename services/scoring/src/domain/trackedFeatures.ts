import { isLaterThan } from './latestOf';
import type { TrackedFeature } from './leadScoreState';

const firstPosition = (f: TrackedFeature) => ({ occurredAt: f.firstAt, eventId: f.firstEventId });

function combine(a: TrackedFeature, b: TrackedFeature): TrackedFeature {
  const first = isLaterThan(firstPosition(a), firstPosition(b)) ? b : a;
  return { ...first, explorations: a.explorations + b.explorations };
}

// Keeping the earliest-discovered features makes the kept set (and so the distinct-feature bonus)
// independent of arrival order; only exploration counts of features past the bound are approximate.
export function mergeTrackedFeatures(
  a: readonly TrackedFeature[],
  b: readonly TrackedFeature[],
  limit: number,
): TrackedFeature[] {
  const byFeature = new Map<string, TrackedFeature>();
  for (const f of [...a, ...b]) {
    const known = byFeature.get(f.feature);
    byFeature.set(f.feature, known ? combine(known, f) : f);
  }
  return [...byFeature.values()]
    .sort((x, y) => (isLaterThan(firstPosition(x), firstPosition(y)) ? 1 : -1))
    .slice(0, limit);
}
