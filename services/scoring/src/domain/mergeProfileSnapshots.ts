import type { HandoffContext } from '@leadflow/schemas';
import { isLaterThan, latestOf } from './latestOf';
import type { ProfileSnapshot } from './leadScoreState';

type Profile = HandoffContext['profile'];

const profileFields = [
  'companySize',
  'annualRevenue',
  'industry',
  'role',
  'seniority',
  'country',
] as const satisfies readonly (keyof Profile)[];

const copyField = <K extends keyof Profile>(to: Profile, from: Profile, field: K): void => {
  to[field] = from[field];
};

// Each field takes its value from the latest snapshot that has it (ties by event id), so any order gives
// the same result. Only those winning parts are kept, grouped by event: one position per event, not per field.
/** The latest value of every profile field across both lists, as snapshots in event order. */
export function mergeProfileSnapshots(
  kept: readonly ProfileSnapshot[],
  added: readonly ProfileSnapshot[],
): ProfileSnapshot[] {
  const all = [...kept, ...added];
  const parts = new Map<string, ProfileSnapshot>();
  for (const field of profileFields) {
    const winner = all.filter((s) => s[field] !== undefined).reduce<ProfileSnapshot | null>(latestOf, null);
    if (winner === null) continue;
    const part = parts.get(winner.eventId) ?? { occurredAt: winner.occurredAt, eventId: winner.eventId };
    copyField(part, winner, field);
    parts.set(winner.eventId, part);
  }
  return [...parts.values()].sort((a, b) => (isLaterThan(a, b) ? 1 : -1));
}
