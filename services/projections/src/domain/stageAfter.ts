import type { LifecycleEvent, RecycledEvent, Stage } from '@leadflow/schemas';

/** The events that move a lead between stages. */
export type StageEvent = LifecycleEvent | RecycledEvent;

/**
 * The stage a lifecycle event moves a lead to, or null when it changes no stage. A compensating
 * event moves no stage by itself: the read models hold the net lifecycle, so once the events it
 * retracts are removed the lead stands where its remaining transitions put it, whether or not a
 * detour happened on the way.
 */
export function stageAfter(event: StageEvent): Stage | null {
  switch (event.type) {
    case 'lead_qualified_mql':
      return 'mql';
    case 'lead_qualified_sql':
      return 'sql';
    case 'sales_accepted':
      return 'accepted';
    case 'opportunity_opened':
      return 'opportunity';
    case 'deal_won':
      return 'won';
    case 'deal_lost':
      return 'lost';
    case 'lead_disqualified':
      return 'disqualified';
    case 'lead_recycled':
      return 'recycled';
    case 'lead_qualification_retracted':
    case 'lead_transition_retracted':
    case 'lead_recycle_retracted':
    case 'lead_requalified':
    case 'lead_assigned':
    case 'sales_rejected':
    case 'lead_marked_do_not_contact':
    case 'lead_erased':
      return null;
    default: {
      const unhandled: never = event;
      throw new TypeError(`unhandled lifecycle event ${JSON.stringify(unhandled)}`);
    }
  }
}
