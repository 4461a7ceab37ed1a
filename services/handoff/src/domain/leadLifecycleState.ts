import type { Grade, Stage } from '@leadflow/schemas';

/** The scores behind the last stage change. */
export type ScoresSnapshot = { scoresEventId: string; evaluatedAt: number; total: number; grade: Grade };

export type LeadLifecycleState = {
  leadId: string | undefined;
  stage: Stage;
  doNotContact: boolean;
  /** Lifecycle events so far; numbers the next event's deterministic id. */
  transitions: number;
  lastScores?: ScoresSnapshot;
};

export function initialLeadLifecycleState(): LeadLifecycleState {
  return { leadId: undefined, stage: 'lead', doNotContact: false, transitions: 0 };
}
