import type { LifecycleEvent, RecycledEvent, Stage } from '@leadflow/schemas';

/** The events that move a lead between stages. */
export type StageEvent = LifecycleEvent | RecycledEvent;

/** A lead's stage facts folded from one batch of lifecycle events. */
export interface StageChange {
  leadId: string;
  /** The stage after the batch's latest stage-changing event, if any. */
  stage: string | null;
  stageChangedAt: number | null;
  mqlAt: number | null;
  sqlAt: number | null;
  doNotContact: boolean;
}

/** The stage a lifecycle event moves a lead to, or null when it changes no stage. */
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
    case 'lead_requalified':
    case 'lead_assigned':
    case 'sales_rejected':
    case 'lead_marked_do_not_contact':
      return null;
    default: {
      const unhandled: never = event;
      throw new TypeError(`unhandled lifecycle event ${JSON.stringify(unhandled)}`);
    }
  }
}

/** Folds a batch of lifecycle events into one stage change per lead. */
export function foldStageChanges(events: StageEvent[]): StageChange[] {
  const byLead = new Map<string, StageChange>();
  for (const event of [...events].sort((a, b) => a.occurredAt - b.occurredAt)) {
    const change = byLead.get(event.leadId) ?? {
      leadId: event.leadId,
      stage: null,
      stageChangedAt: null,
      mqlAt: null,
      sqlAt: null,
      doNotContact: false,
    };
    const stage = stageAfter(event);
    if (stage) Object.assign(change, { stage, stageChangedAt: event.occurredAt });
    if (event.type === 'lead_qualified_mql') change.mqlAt ??= event.occurredAt;
    if (event.type === 'lead_qualified_sql') change.sqlAt ??= event.occurredAt;
    if (event.type === 'lead_marked_do_not_contact') change.doNotContact = true;
    byLead.set(event.leadId, change);
  }
  return [...byLead.values()];
}
