import { DAY_MS } from './decay';
import type { Contribution } from './leadScoreState';

// Ranking by log2(points) + t/h orders contributions as their decayed values do at any common
// evaluation time, so the kept top list does not depend on when it is evaluated.
const rank = (c: Contribution, halfLifeDays: number): number =>
  Math.log2(c.points) + c.occurredAt / (halfLifeDays * DAY_MS);

/** The `limit` strongest contributions of both lists, strongest first, ties by event id. */
export function mergeTopContributors(
  a: readonly Contribution[],
  b: readonly Contribution[],
  limit: number,
  halfLifeDays: number,
): Contribution[] {
  const byId = new Map<string, Contribution>();
  for (const c of [...a, ...b]) if (c.points > 0) byId.set(c.eventId, c);
  return [...byId.values()]
    .map((c) => ({ c, key: rank(c, halfLifeDays) }))
    .sort((x, y) => y.key - x.key || compareIds(x.c.eventId, y.c.eventId))
    .slice(0, limit)
    .map(({ c }) => c);
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
