import type { HandoffRules } from './handoffRules';
import { pendingTimers } from './pendingTimers';
import type { RoutingSnapshot } from './routingSnapshot';
import { recordTransitions, type DecisionDraft } from './recordTransitions';
import { timerTransitions } from './timerTransitions';

/**
 * Fires every timer of the lead due by `until`, earliest first, each at its own due time, and
 * those the firing starts in turn. Time is the lead's event time, so the same history gives the
 * same transitions however late the wall clock noticed, or whatever arrived first.
 */
export function fireTimersDueBy(
  draft: DecisionDraft,
  leadId: string,
  until: number,
  rules: HandoffRules,
  routing: RoutingSnapshot,
): DecisionDraft {
  let fired = draft;
  const nextDue = () => pendingTimers(fired.state, rules)[0];
  for (let due = nextDue(); due && due.dueAt <= until; due = nextDue()) {
    const transitions = timerTransitions(due.timer, fired.state, rules, due.dueAt, routing);
    if (transitions.length === 0) throw new Error(`timer ${due.timer} of lead ${leadId} is pending but fires nothing`);
    fired = recordTransitions(fired, leadId, transitions, due.dueAt);
  }
  return fired;
}
