import type { LeadScored, Touch } from '@leadflow/schemas';
import { attributionOf, type Attribution } from './attributionOf';
import { isNewerScore } from './isNewerScore';

/** A touch as `lead_current` keeps it. */
export interface TouchFacts extends Attribution {
  at: number;
}

/** What a batch of scores says about one lead. */
export interface LeadScoresChange {
  leadId: string;
  /** The lead's latest score in the batch. */
  latest: LeadScored;
  /** The earliest evaluation in the batch: when the lead was first scored, if nothing earlier is stored. */
  firstScoredAt: number;
  firstTouch: TouchFacts | null;
  lastTouch: TouchFacts | null;
}

const touchFacts = (touch: Touch | undefined): TouchFacts | null =>
  touch ? { at: touch.occurredAt, ...attributionOf(touch, touch.source) } : null;

const earlier = (a: TouchFacts | null, b: TouchFacts | null) => (a === null || (b !== null && b.at < a.at) ? b : a);
const later = (a: TouchFacts | null, b: TouchFacts | null) => (a === null || (b !== null && b.at > a.at) ? b : a);

/** Folds a batch of scores into one change per lead: latest scores, first scoring, first and last touch. */
export function foldLatestScores(scores: readonly LeadScored[]): LeadScoresChange[] {
  const byLead = new Map<string, LeadScoresChange>();
  for (const score of scores) {
    const first = touchFacts(score.context?.firstTouch);
    const last = touchFacts(score.context?.lastTouch);
    const seen = byLead.get(score.leadId);
    if (!seen) {
      byLead.set(score.leadId, { leadId: score.leadId, latest: score, firstScoredAt: score.evaluatedAt, firstTouch: first, lastTouch: last });
      continue;
    }
    if (isNewerScore(score, seen.latest)) seen.latest = score;
    seen.firstScoredAt = Math.min(seen.firstScoredAt, score.evaluatedAt);
    seen.firstTouch = earlier(seen.firstTouch, first);
    seen.lastTouch = later(seen.lastTouch, last);
  }
  return [...byLead.values()];
}
