import type { LeadScoreState } from '../domain';

/** What was last published for a lead, to publish again only when something changed. */
export interface EmittedScores {
  total: number;
  grade: string;
  fit: number;
  intent: number;
  readiness: number;
}

/** One lead's scoring state as stored. */
export interface LeadRow {
  leadId: string;
  state: LeadScoreState;
  /** The latest event time seen for the lead (or re-grading time): scores are evaluated in event time. */
  streamTime: number;
  lastEmitted: EmittedScores | null;
  /** When decay next moves the lead across a grade boundary, if ever. */
  nextCrossingAt: number | null;
}
