import type { LeadEvent, LeadTransition } from './leadEvent';
import type { LeadLifecycleState } from './leadLifecycleState';
import { evolve } from './evolve';
import { draftEventId } from './lifecycleEventId';

/** The events decided so far and the lead they leave behind. */
export type DecisionDraft = { state: LeadLifecycleState; events: LeadEvent[] };

/**
 * Stamps transitions as events at `at` and folds them in. Each id is numbered by the lead's
 * transitions so far, so the same history and command always give the same ids. These are the ids of
 * the history being decided; what is appended to the stream is named by its content (`reconcileLead`).
 */
export function recordTransitions(
  draft: DecisionDraft,
  leadId: string,
  transitions: readonly LeadTransition[],
  at: number,
): DecisionDraft {
  return transitions.reduce<DecisionDraft>(({ state, events }, transition) => {
    const eventId = draftEventId(leadId, transition.type, state.transitions);
    const event: LeadEvent = { eventId, leadId, occurredAt: at, ...transition };
    return { state: evolve(state, event), events: [...events, event] };
  }, draft);
}
