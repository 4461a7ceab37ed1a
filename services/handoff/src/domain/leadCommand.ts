import type { LeadScored } from '@leadflow/schemas';

/** New scores for the lead, as published on `leads.scores.v1`; `now` is the shell's clock. */
export type ApplyScores = { type: 'ApplyScores'; leadId: string; scores: LeadScored; now: number };

/** What may be asked of a lead's lifecycle; sales outcomes and timer ticks join this union. */
export type LeadCommand = ApplyScores;
