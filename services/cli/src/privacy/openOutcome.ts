import type { SubjectKeyring } from '@leadflow/kit';
import { payloadSchemaOf, personalFieldName, personalFieldsOf, type OutcomeEvent } from '@leadflow/schemas';

/** A CRM outcome as `leadflow export` shows it: its personal fields opened, or left out once they no longer open. */
export interface OpenedOutcome {
  type: OutcomeEvent['type'];
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** Opens the personal fields of an outcome (reasons, who at sales) with the lead's key; a field that does not open is left out. */
export async function openOutcome(keyring: SubjectKeyring, outcome: OutcomeEvent): Promise<OpenedOutcome> {
  const payload: Record<string, unknown> = { ...outcome.payload };
  for (const { path } of personalFieldsOf(payloadSchemaOf('outcome', outcome.type))) {
    const name = path[0] as string;
    const envelope = payload[name];
    if (typeof envelope !== 'string') continue;
    const opened = await keyring.open(personalFieldName(outcome.type, path), envelope);
    if (opened.status === 'open') payload[name] = opened.value;
    else delete payload[name];
  }
  return { type: outcome.type, occurredAt: new Date(outcome.occurredAt).toISOString(), payload };
}
