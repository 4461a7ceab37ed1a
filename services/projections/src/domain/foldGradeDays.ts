import type { LeadScored } from '@leadflow/schemas';
import { isNewerScore } from './isNewerScore';

const DAY_MS = 86_400_000;

/** A lead's latest grade on one UTC day. */
export interface GradeDay {
  /** Days since 1970-01-01, UTC. */
  day: number;
  leadId: string;
  grade: string;
  score: LeadScored;
}

/** The UTC day of an epoch-millisecond instant, as days since 1970-01-01. */
export const utcDayOf = (epochMs: number): number => Math.floor(epochMs / DAY_MS);

/** Folds a batch of scores into each lead's latest grade per day. */
export function foldGradeDays(scores: readonly LeadScored[]): GradeDay[] {
  const byKey = new Map<string, GradeDay>();
  for (const score of scores) {
    const day = utcDayOf(score.evaluatedAt);
    const key = `${score.leadId}/${day}`;
    const seen = byKey.get(key);
    if (!seen || isNewerScore(score, seen.score)) byKey.set(key, { day, leadId: score.leadId, grade: score.grade, score });
  }
  return [...byKey.values()];
}
