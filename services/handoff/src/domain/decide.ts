import type { LeadScored, LifecycleEvent, Stage } from '@leadflow/schemas';
import type { HandoffRules } from './handoffRules';
import type { ApplyScores, LeadCommand } from './leadCommand';
import type { LeadLifecycleState } from './leadLifecycleState';
import { lifecycleEventId } from './lifecycleEventId';

type EnvelopeField = 'eventId' | 'leadId' | 'occurredAt';
type Transition = LifecycleEvent extends infer E ? (E extends LifecycleEvent ? Omit<E, EnvelopeField> : never) : never;
type SqlRoute = Extract<LifecycleEvent, { type: 'lead_qualified_sql' }>['payload']['route'];

const snapshotOf = (s: LeadScored) => ({
  scoresEventId: s.eventId,
  modelVersion: s.modelVersion,
  total: s.total,
  grade: s.grade,
  fit: s.fit,
  intent: s.intent,
  readiness: s.readiness,
});

const mql = (s: LeadScored, fromStage: Stage): Transition => ({
  type: 'lead_qualified_mql',
  payload: { ...snapshotOf(s), fromStage },
});

const sql = (s: LeadScored, fromStage: Stage, route: SqlRoute): Transition => ({
  type: 'lead_qualified_sql',
  payload: { ...snapshotOf(s), fromStage, route, bantEstablished: s.signals.bantEstablished },
});

const isEligible = (s: LeadScored, rules: HandoffRules): boolean =>
  s.signals.disqualifiedBy === undefined && s.signals.contactConsent !== 'withdrawn' && s.fit >= rules.minFit;

const isMql = (s: LeadScored, rules: HandoffRules): boolean => isEligible(s, rules) && s.total >= rules.mqlMinTotal;

function sqlRouteOf(s: LeadScored, rules: HandoffRules): SqlRoute | undefined {
  if (!isEligible(s, rules)) return undefined;
  if (s.total >= rules.sqlMinTotal && s.signals.bantEstablished.length >= rules.bantRequiredForSql)
    return 'score_and_bant';
  return s.signals.demoRequested || s.signals.contactRequested ? 'self_qualified' : undefined;
}

// A lead that qualifies for sales straight away passes through MQL too, so the funnel counts both steps.
function qualifications(s: LeadScored, stage: Stage, rules: HandoffRules): Transition[] {
  const route = sqlRouteOf(s, rules);
  switch (stage) {
    case 'lead':
    case 'recycled':
      if (route) return [mql(s, stage), sql(s, 'mql', route)];
      return isMql(s, rules) ? [mql(s, stage)] : [];
    case 'mql':
      return route ? [sql(s, stage, route)] : [];
    case 'sql':
    case 'accepted':
    case 'opportunity':
    case 'won':
    case 'lost':
    case 'disqualified':
      return [];
    default: {
      const unexpected: never = stage;
      throw new Error(`unknown stage ${String(unexpected)}`);
    }
  }
}

const isStale = (s: LeadScored, state: LeadLifecycleState): boolean =>
  state.lastScores !== undefined && s.evaluatedAt < state.lastScores.evaluatedAt;

function transitionsFor(s: LeadScored, state: LeadLifecycleState, rules: HandoffRules): Transition[] {
  if (state.doNotContact || isStale(s, state)) return [];
  if (s.signals.contactConsent === 'withdrawn') {
    return [{ type: 'lead_marked_do_not_contact', payload: { reason: 'contact consent withdrawn' } }];
  }
  return qualifications(s, state.stage, rules);
}

function applyScores(
  { leadId, scores }: ApplyScores,
  state: LeadLifecycleState,
  rules: HandoffRules,
): LifecycleEvent[] {
  if (scores.leadId !== leadId || (state.leadId !== undefined && state.leadId !== leadId)) {
    throw new Error(`scores of lead ${scores.leadId} applied to lead ${state.leadId ?? leadId}`);
  }
  return transitionsFor(scores, state, rules).map((t, i): LifecycleEvent => ({
    eventId: lifecycleEventId(leadId, t.type, state.transitions + i),
    leadId,
    occurredAt: scores.evaluatedAt,
    ...t,
  }));
}

/** The lifecycle events a command causes, given the lead's history so far; none when nothing changes. */
export function decide(command: LeadCommand, state: LeadLifecycleState, rules: HandoffRules): LifecycleEvent[] {
  switch (command.type) {
    case 'ApplyScores':
      return applyScores(command, state, rules);
    default: {
      const unexpected: never = command.type;
      throw new Error(`unknown command ${String(unexpected)}`);
    }
  }
}
