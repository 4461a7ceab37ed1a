import { isLaterThan, latestOf } from './latestOf';
import type { EventPosition } from './leadScoreState';

const latestFirst = (a: EventPosition, b: EventPosition): number =>
  isLaterThan(a, b) ? -1 : isLaterThan(b, a) ? 1 : 0;

// Each key keeps its latest occurrence, then the `limit` latest keys are kept. That list does not depend
// on arrival order: a key pushed out is older than every kept one, so its older occurrences are pushed
// out again and only a later occurrence, then its latest, can bring it back.
/** The `limit` most recent items of both lists, one per key (its latest), most recent first. */
export function mergeMostRecent<T extends EventPosition>(
  kept: readonly T[],
  added: readonly T[],
  keyOf: (item: T) => string,
  limit: number,
): T[] {
  const byKey = new Map<string, T>();
  for (const item of [...kept, ...added]) {
    const key = keyOf(item);
    byKey.set(key, latestOf(byKey.get(key) ?? null, item) ?? item);
  }
  return [...byKey.values()].sort(latestFirst).slice(0, limit);
}
