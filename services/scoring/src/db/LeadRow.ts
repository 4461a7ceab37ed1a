import type { LeadHistory, LeadScoreState } from '../domain';

/** What was last published for a lead (in publication order): the previous grade of the next scores. */
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
  /** The latest event time of the lead's applied events; only events move it, never the wall clock. */
  streamTime: number;
  lastEmitted: EmittedScores | null;
  /** When decay next moves the lead across a grade boundary, if ever. */
  nextCrossingAt: number | null;
  /** The applied events, so the trajectory can be evaluated again from a late event's time on. */
  history: LeadHistory;
}
