import { RejectedRecordError, type BatchHandler, type RefusedRecord } from '@leadflow/kit';
import type { LeadScored, OutcomeEvent } from '@leadflow/schemas';
import { isLeadOutcome, type LeadCommand } from '../domain';
import { decideForLeads, type DecideDeps } from './decideForLeads';

const isOutcome = (value: LeadScored | OutcomeEvent): value is OutcomeEvent => 'type' in value && 'payload' in value;

/** The command a consumed record asks for; campaign spend concerns no lead and asks for none. */
function commandOf(value: LeadScored | OutcomeEvent): LeadCommand | undefined {
  if (!isOutcome(value)) return { type: 'ApplyScores', leadId: value.leadId, scores: value, now: value.evaluatedAt };
  if (!isLeadOutcome(value) || !value.leadId) return undefined;
  return { type: 'RecordOutcome', leadId: value.leadId, outcome: value, now: value.occurredAt };
}

/**
 * Turns scores and CRM outcomes into lifecycle, SLA and recycle events. An outcome the lead's
 * state refuses (e.g. accepted by sales before sales ever got the lead) goes to the dead-letter
 * topic with the reason; the lead's stream is not touched by it.
 */
export function handOffBatch(deps: DecideDeps): BatchHandler<LeadScored | OutcomeEvent> {
  return async (records, tx) => {
    const commands: { command: LeadCommand; record: (typeof records)[number] }[] = [];
    for (const record of records) {
      const command = commandOf(record.value);
      if (command) commands.push({ command, record });
    }
    const refusals = await decideForLeads(tx, commands.map((c) => c.command), deps);
    return [...refusals].map(([index, reason]): RefusedRecord => ({
      record: (commands[index] as (typeof commands)[number]).record,
      error: new RejectedRecordError(reason),
    }));
  };
}
