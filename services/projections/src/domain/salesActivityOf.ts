import type { OutcomeEvent } from '@leadflow/schemas';

/** One row of `sales_activity`: a rep reached out to a lead (who is personal, sealed on the topic: left out). */
export interface SalesActivity {
  eventId: string;
  leadId: string;
  occurredAt: number;
  channel: string;
}

/** The contacts among CRM outcomes. */
export function salesActivityOf(outcomes: readonly OutcomeEvent[]): SalesActivity[] {
  return outcomes.flatMap((o) =>
    o.type === 'lead_contacted' && o.leadId
      ? [{ eventId: o.eventId, leadId: o.leadId, occurredAt: o.occurredAt, channel: o.payload.channel }]
      : [],
  );
}
