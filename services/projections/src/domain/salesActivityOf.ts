import type { OutcomeEvent } from '@leadflow/schemas';

/** One row of `sales_activity`: a rep reached out to a lead. */
export interface SalesActivity {
  eventId: string;
  leadId: string;
  occurredAt: number;
  channel: string;
  byOwner: string;
}

/** The contacts among CRM outcomes. */
export function salesActivityOf(outcomes: readonly OutcomeEvent[]): SalesActivity[] {
  return outcomes.flatMap((o) =>
    o.type === 'lead_contacted' && o.leadId
      ? [{ eventId: o.eventId, leadId: o.leadId, occurredAt: o.occurredAt, channel: o.payload.channel, byOwner: o.payload.by }]
      : [],
  );
}
