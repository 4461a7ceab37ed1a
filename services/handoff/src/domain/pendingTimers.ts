import type { HandoffRules } from './handoffRules';
import type { LeadLifecycleState } from './leadLifecycleState';
import type { LeadTimer, PendingTimer } from './leadTimer';

const DAY_MS = 86_400_000;
const firing: readonly LeadTimer[] = ['sql_settled', 'sla', 'no_sales_activity', 'decayed'];

/**
 * The timers the lead is waiting on, earliest first. The shell keeps them durably and sends
 * `FireTimer` when one falls due while nothing else arrives for the lead.
 */
export function pendingTimers(state: LeadLifecycleState, rules: HandoffRules): PendingTimer[] {
  const { sla, stage, lastSalesActivityAt, decayedSince, pendingSql } = state;
  const timers: PendingTimer[] = [];
  if (pendingSql && stage === 'mql' && !state.doNotContact) timers.push({ timer: 'sql_settled', dueAt: pendingSql.dueAt });
  if (sla) timers.push({ timer: 'sla', dueAt: sla.deadline });
  if (stage === 'accepted' && lastSalesActivityAt !== undefined)
    timers.push({ timer: 'no_sales_activity', dueAt: lastSalesActivityAt + rules.recycling.noSalesActivityDays * DAY_MS });
  if (stage === 'mql' && decayedSince !== undefined)
    timers.push({ timer: 'decayed', dueAt: decayedSince + rules.recycling.decayedDays * DAY_MS });
  return timers.sort((a, b) => a.dueAt - b.dueAt || firing.indexOf(a.timer) - firing.indexOf(b.timer));
}
