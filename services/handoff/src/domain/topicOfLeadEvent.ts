import type { LeadEvent } from './leadEvent';

export type LeadTopic = 'lifecycle' | 'sla' | 'recycled';

/** The topic a lead event is published on; none for the notes the stream keeps for itself. */
export function topicOfLeadEvent(event: LeadEvent): LeadTopic | undefined {
  switch (event.type) {
    case 'lead_qualified_mql':
    case 'lead_qualified_sql':
    case 'lead_requalified':
    case 'lead_assigned':
    case 'sales_accepted':
    case 'sales_rejected':
    case 'opportunity_opened':
    case 'deal_won':
    case 'deal_lost':
    case 'lead_disqualified':
    case 'lead_marked_do_not_contact':
    case 'lead_erased':
    case 'lead_qualification_retracted':
    case 'lead_transition_retracted':
      return 'lifecycle';
    case 'sla_started':
    case 'sla_met':
    case 'sla_breached':
    case 'sla_cancelled':
    case 'sla_retracted':
      return 'sla';
    case 'lead_recycled':
    case 'lead_recycle_retracted':
      return 'recycled';
    case 'mql_decay_started':
    case 'mql_decay_cleared':
    case 'sales_activity_noted':
    case 'sql_settling':
    case 'sql_settling_dropped':
      return undefined;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown lead event ${JSON.stringify(unexpected)}`);
    }
  }
}
