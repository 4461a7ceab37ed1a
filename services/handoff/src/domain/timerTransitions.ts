import type { RecycleReason, Stage } from '@leadflow/schemas';
import type { LeadTransition } from './leadEvent';
import type { HandoffRules } from './handoffRules';
import type { LeadLifecycleState, PendingSla } from './leadLifecycleState';
import type { LeadTimer } from './leadTimer';
import { escalationAssignment } from './escalationAssignment';
import { handOffToSales } from './handOffToSales';
import type { RoutingSnapshot } from './routingSnapshot';
import { slaDeadlineFor } from './slaDeadlineFor';


const recycle = (reason: RecycleReason, fromStage: Stage, detail: string): LeadTransition => ({
  type: 'lead_recycled',
  payload: { reason, fromStage, detail },
});

/** Another owner of the team gets the lead and a fresh clock. */
function escalate(sla: PendingSla, state: LeadLifecycleState, rules: HandoffRules, dueAt: number): LeadTransition[] {
  const current = { owner: sla.owner, team: sla.team, rule: state.owner?.rule ?? 'escalation' };
  const next = escalationAssignment(current, rules.routing);
  const deadline = slaDeadlineFor(sla.grade, dueAt, rules);
  return [
    { type: 'lead_assigned', payload: { ...next, reason: 'escalated', previousOwner: sla.owner } },
    {
      type: 'sla_started',
      payload: { owner: next.owner, team: next.team, deadline, grade: sla.grade, attempt: sla.attempt + 1 },
    },
  ];
}

function breach(sla: PendingSla, state: LeadLifecycleState, rules: HandoffRules, dueAt: number): LeadTransition[] {
  const breached: LeadTransition = {
    type: 'sla_breached',
    payload: { owner: sla.owner, deadline: sla.deadline, attempt: sla.attempt },
  };
  if (sla.attempt < rules.sla.maxBreaches) return [breached, ...escalate(sla, state, rules, dueAt)];
  return [breached, recycle('sla_breached', state.stage, `no follow-up within ${sla.attempt} SLA deadline(s)`)];
}

/** What a pending timer causes when it falls due at `dueAt`; nothing once it is no longer pending. */
export function timerTransitions(
  timer: LeadTimer,
  state: LeadLifecycleState,
  rules: HandoffRules,
  dueAt: number,
  routing: RoutingSnapshot,
): LeadTransition[] {
  const { stage, pendingSql } = state;
  switch (timer) {
    case 'sql_settled':
      // Handed off with the latest scores that qualified it while it settled.
      return pendingSql && stage === 'mql' && !state.doNotContact
        ? handOffToSales(pendingSql.scores, 'mql', pendingSql.route, dueAt, rules, routing)
        : [];
    case 'sla':
      return state.sla ? breach(state.sla, state, rules, dueAt) : [];
    case 'no_sales_activity': {
      const detail = `no sales activity for ${rules.recycling.noSalesActivityDays} days`;
      return stage === 'accepted' ? [recycle('no_sales_activity', stage, detail)] : [];
    }
    case 'decayed':
      return stage === 'mql' ? [recycle('decayed', stage, `grade F for ${rules.recycling.decayedDays} days`)] : [];
    default: {
      const unexpected: never = timer;
      throw new Error(`unknown timer ${String(unexpected)}`);
    }
  }
}
