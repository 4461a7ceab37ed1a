import type { Stage } from '@leadflow/schemas';
import { stageAfter, type StageEvent } from './stageAfter';

/** One row of `lead_transitions`. */
export interface LeadTransitionRow {
  eventId: string;
  leadId: string;
  occurredAt: number;
  type: StageEvent['type'];
  fromStage: Stage | null;
  /** Null for a re-qualification or a rejection: the stage change follows as its own row. */
  toStage: Stage | null;
  reason: string | null;
  amount: number | null;
  /** The grade the lead qualified with (MQL and SQL). */
  grade: string | null;
}

const row = (event: StageEvent, fromStage: Stage, facts: Partial<Pick<LeadTransitionRow, 'reason' | 'amount' | 'grade'>> = {}): LeadTransitionRow => ({
  eventId: event.eventId,
  leadId: event.leadId,
  occurredAt: event.occurredAt,
  type: event.type,
  fromStage,
  toStage: stageAfter(event),
  reason: facts.reason ?? null,
  amount: facts.amount ?? null,
  grade: facts.grade ?? null,
});

/**
 * The transition an event records, or null for ownership, consent, erasure and compensating events:
 * `lead_transitions` holds the net lifecycle, so a compensation removes the row it retracts and
 * adds none. The same input then gives the same rows whether or not hand-off took a detour.
 */
export function leadTransitionOf(event: StageEvent): LeadTransitionRow | null {
  switch (event.type) {
    case 'lead_qualified_mql':
      return row(event, event.payload.fromStage, { grade: event.payload.grade });
    case 'lead_qualified_sql':
      return row(event, event.payload.fromStage, { grade: event.payload.grade, reason: event.payload.route });
    case 'lead_requalified':
      return row(event, event.payload.fromStage, { reason: event.payload.recycledFor });
    case 'sales_accepted':
      return row(event, event.payload.fromStage);
    case 'opportunity_opened':
    case 'deal_won':
      return row(event, event.payload.fromStage, { amount: event.payload.amount });
    case 'sales_rejected':
    case 'deal_lost':
    case 'lead_disqualified':
      // the CRM's reason is personal free text, sealed on the topic: analytics keeps the fact, not the text
      return row(event, event.payload.fromStage);
    case 'lead_recycled':
      return row(event, event.payload.fromStage, { reason: event.payload.reason });
    case 'lead_transition_retracted':
    case 'lead_qualification_retracted':
    case 'lead_recycle_retracted':
    case 'lead_assigned':
    case 'lead_marked_do_not_contact':
    case 'lead_erased':
      return null;
    default: {
      const unhandled: never = event;
      throw new TypeError(`unhandled lifecycle event ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The transitions of a batch, one per event that records one. */
export function leadTransitionsOf(events: readonly StageEvent[]): LeadTransitionRow[] {
  return events.flatMap((event) => leadTransitionOf(event) ?? []);
}
