import type { LeadScoreState } from '../domain';

/** What was last published for a lead, to publish again only when something changed. */
export interface EmittedScores {
  total: number;
  grade: string;
  fit: number;
  intent: number;
  readiness: number;
}

/** One scored subject (a lead, or a visitor not yet identified) as stored. */
export interface SubjectRow {
  subjectId: string;
  isLead: boolean;
  state: LeadScoreState;
  /** The latest event time seen for the subject: scores are evaluated in event time. */
  streamTime: number;
  lastEmitted: EmittedScores | null;
}
