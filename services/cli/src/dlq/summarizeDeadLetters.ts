import type { StoredDeadLetter } from './readDeadLetters';

export interface DeadLetterGroup {
  originalTopic: string;
  reason: string;
  count: number;
  newestAt: number;
}

/** Dead letters counted by original topic and reason, the group with the newest letter first. */
export function summarizeDeadLetters(letters: StoredDeadLetter[]): DeadLetterGroup[] {
  const groups = new Map<string, DeadLetterGroup>();
  for (const { letter } of letters) {
    const key = `${letter.originalTopic}\u0000${letter.reason}`;
    const group = groups.get(key) ?? { originalTopic: letter.originalTopic, reason: letter.reason, count: 0, newestAt: 0 };
    groups.set(key, { ...group, count: group.count + 1, newestAt: Math.max(group.newestAt, letter.failedAt) });
  }
  return [...groups.values()].sort((a, b) => b.newestAt - a.newestAt || a.originalTopic.localeCompare(b.originalTopic));
}

export interface RedriveFilter {
  /** The original topic, with or without the run's namespace. */
  topic?: string;
  /** A part of the reason. */
  reason?: string;
  /** Only letters that failed at or after this time (epoch ms). */
  since?: number;
}

/** Whether a dead letter is one the operator asked to re-drive. */
export function matchesFilter({ letter }: StoredDeadLetter, filter: RedriveFilter): boolean {
  if (filter.topic && letter.originalTopic !== filter.topic && !letter.originalTopic.endsWith(`.${filter.topic}`)) return false;
  if (filter.reason && !letter.reason.includes(filter.reason)) return false;
  if (filter.since !== undefined && letter.failedAt < filter.since) return false;
  return true;
}
