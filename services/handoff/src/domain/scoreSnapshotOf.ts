import type { LeadScored } from '@leadflow/schemas';

/** The scores a stage change was decided on, as its event carries them. */
export const scoreSnapshotOf = (s: LeadScored) => ({
  scoresEventId: s.eventId,
  modelVersion: s.modelVersion,
  total: s.total,
  grade: s.grade,
  fit: s.fit,
  intent: s.intent,
  readiness: s.readiness,
});
