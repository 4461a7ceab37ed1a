import type { LeadScored } from '@leadflow/schemas';
import type { LeadCommand } from '../leadCommand';
import type { LeadOutcome } from '../leadOutcome';

/**
 * What a lead's lifecycle is decided from, kept per lead so the lead can be decided again in
 * event-time order when an input arrives late: its scores and its CRM outcomes, each at its event time.
 */
export type LeadInput = { kind: 'scores'; at: number; scores: LeadScored } | { kind: 'outcome'; at: number; outcome: LeadOutcome };

export const inputIdOf = (input: LeadInput): string => (input.kind === 'scores' ? input.scores.eventId : input.outcome.eventId);

/** The input a command brings, if it brings one (a fired timer only moves the clock). */
export function leadInputOf(command: LeadCommand): LeadInput | undefined {
  switch (command.type) {
    case 'ApplyScores':
      return { kind: 'scores', at: command.scores.evaluatedAt, scores: command.scores };
    case 'RecordOutcome':
      return { kind: 'outcome', at: command.outcome.occurredAt, outcome: command.outcome };
    case 'FireTimer':
      return undefined;
    default: {
      const unexpected: never = command;
      throw new Error(`unknown command ${JSON.stringify(unexpected)}`);
    }
  }
}

/** The command that decides an input, at the input's own event time. */
export function commandOf(leadId: string, input: LeadInput): LeadCommand {
  return input.kind === 'scores'
    ? { type: 'ApplyScores', leadId, scores: input.scores, now: input.at }
    : { type: 'RecordOutcome', leadId, outcome: input.outcome, now: input.at };
}
