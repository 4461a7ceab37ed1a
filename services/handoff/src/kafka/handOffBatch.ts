import type { BatchHandler } from '@leadflow/kit';
import type { LeadScored, OutcomeEvent } from '@leadflow/schemas';
import { isLeadOutcome, type LeadCommand } from '../domain';
import { decideForLeads, type CommandInput, type DecideDeps } from './decideForLeads';

const isOutcome = (value: LeadScored | OutcomeEvent): value is OutcomeEvent => 'type' in value && 'payload' in value;

/** When an input happened: the scores' evaluation time, the outcome's event time. */
export const eventTimeOfInput = (value: LeadScored | OutcomeEvent): number => (isOutcome(value) ? value.occurredAt : value.evaluatedAt);

/** The command a consumed record asks for; campaign spend concerns no lead and asks for none. */
function commandOf(value: LeadScored | OutcomeEvent): LeadCommand | undefined {
  if (!isOutcome(value)) return { type: 'ApplyScores', leadId: value.leadId, scores: value, now: value.evaluatedAt };
  if (!isLeadOutcome(value) || !value.leadId) return undefined;
  return { type: 'RecordOutcome', leadId: value.leadId, outcome: value, now: value.occurredAt };
}

/**
 * Turns scores and CRM outcomes into lifecycle, SLA and recycle events. An outcome the lead's state
 * never allows (e.g. accepted by sales before sales ever got the lead) ends on the dead-letter topic
 * with the reason, without touching the lead's stream.
 */
export function handOffBatch(deps: DecideDeps): BatchHandler<LeadScored | OutcomeEvent> {
  return async (records, tx) => {
    const inputs = records.flatMap((record): CommandInput[] => {
      const command = commandOf(record.value);
      return command ? [{ command, origin: record }] : [];
    });
    return decideForLeads(tx, inputs, deps);
  };
}
