import type { LeadScored, Stage } from '@leadflow/schemas';
import type { HandoffRules } from './handoffRules';
import type { LeadTransition } from './leadEvent';
import type { SqlRoute } from './qualification';
import { scoreSnapshotOf } from './scoreSnapshotOf';
import { routeLead } from './routeLead';
import type { RoutingSnapshot } from './routingSnapshot';
import { slaDeadlineFor } from './slaDeadlineFor';

/**
 * The lead becomes sales-qualified and goes to its routed owner with everything needed for the
 * first call (scores and why, interests, questions, BANT, attribution), and the SLA clock starts.
 */
export function handOffToSales(
  s: LeadScored,
  fromStage: Stage,
  route: SqlRoute,
  now: number,
  rules: HandoffRules,
  routing: RoutingSnapshot,
): LeadTransition[] {
  const routed = routeLead(s.context, rules.routing, routing.rotations);
  const kept = routing.kept?.find((k) => k.at === now && k.team === routed.team && k.rule === routed.rule);
  const assignment = kept ? { owner: kept.owner, team: kept.team, rule: kept.rule } : routed;
  const deadline = slaDeadlineFor(s.grade, now, rules);
  const qualified = { ...scoreSnapshotOf(s), fromStage, route, bantEstablished: s.signals.bantEstablished };
  const handoff = { assignment, slaDeadline: deadline, breakdown: s.breakdown, ...(s.context && { context: s.context }) };
  return [
    { type: 'lead_qualified_sql', payload: { ...qualified, ...handoff } },
    { type: 'lead_assigned', payload: { ...assignment, reason: 'routed' } },
    { type: 'sla_started', payload: { owner: assignment.owner, team: assignment.team, deadline, grade: s.grade, attempt: 1 } },
  ];
}
