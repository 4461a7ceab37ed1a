import { grades, type Grade } from '@leadflow/schemas';
import type { LeadEvent } from './leadEvent';
import type { LeadLifecycleState, PendingSla } from './leadLifecycleState';

type EventOf<T extends LeadEvent['type']> = Extract<LeadEvent, { type: T }>;

function gradeOf(value: string): Grade {
  const grade = grades.find((g) => g === value);
  if (!grade) throw new Error(`SLA started for unknown grade ${value}`);
  return grade;
}

const slaOf = ({ occurredAt, payload }: EventOf<'sla_started'>): PendingSla => ({
  owner: payload.owner,
  team: payload.team,
  grade: gradeOf(payload.grade),
  attempt: payload.attempt,
  startedAt: occurredAt,
  deadline: payload.deadline,
});

const scoresOf = (
  { occurredAt, payload }: EventOf<'lead_qualified_mql' | 'lead_qualified_sql' | 'mql_decay_started' | 'mql_decay_cleared'>,
) => ({ scoresEventId: payload.scoresEventId, evaluatedAt: occurredAt, total: payload.total, grade: payload.grade });

const salesActed = (state: LeadLifecycleState, at: number): LeadLifecycleState => ({
  ...state,
  lastSalesActivityAt: Math.max(state.lastSalesActivityAt ?? at, at),
});

const recycled = (state: LeadLifecycleState, { occurredAt, payload }: EventOf<'lead_recycled'>): LeadLifecycleState => ({
  ...state,
  stage: 'recycled',
  recycledReason: payload.reason,
  recycledAt: occurredAt,
  decayedSince: undefined,
  pendingSql: undefined,
});

/** The lead after one more event of its stream. */
export function evolve(state: LeadLifecycleState, event: LeadEvent): LeadLifecycleState {
  const next = { ...state, leadId: event.leadId, transitions: state.transitions + 1 };
  switch (event.type) {
    case 'lead_qualified_mql':
      return { ...next, stage: 'mql', lastScores: scoresOf(event), decayedSince: undefined };
    case 'lead_qualified_sql':
      return { ...next, stage: 'sql', lastScores: scoresOf(event), decayedSince: undefined, pendingSql: undefined };
    case 'lead_requalified':
      return { ...next, recycledReason: undefined, recycledAt: undefined };
    case 'lead_assigned':
      return { ...next, owner: { owner: event.payload.owner, team: event.payload.team, rule: event.payload.rule } };
    case 'sales_accepted':
      return salesActed({ ...next, stage: 'accepted' }, event.occurredAt);
    case 'opportunity_opened':
      return salesActed({ ...next, stage: 'opportunity' }, event.occurredAt);
    case 'deal_won':
      return { ...next, stage: 'won' };
    case 'deal_lost':
      return { ...next, stage: 'lost' };
    case 'lead_disqualified':
      return { ...next, stage: 'disqualified', pendingSql: undefined };
    case 'lead_marked_do_not_contact':
      return { ...next, doNotContact: true };
    case 'lead_erased':
      // Erasure removes personal data, not history: the stage and clocks stay.
      return next;
    case 'sla_started':
      return { ...next, sla: slaOf(event) };
    case 'sla_met':
      return salesActed({ ...next, sla: undefined }, event.occurredAt);
    case 'sla_breached':
    case 'sla_cancelled':
      return { ...next, sla: undefined };
    case 'lead_recycled':
      return recycled(next, event);
    case 'mql_decay_started':
      return { ...next, lastScores: scoresOf(event), decayedSince: event.occurredAt };
    case 'mql_decay_cleared':
      return { ...next, lastScores: scoresOf(event), decayedSince: undefined };
    case 'sales_activity_noted':
      return salesActed(next, event.occurredAt);
    case 'sql_settling':
      return { ...next, pendingSql: event.payload };
    case 'sql_settling_dropped':
      return { ...next, pendingSql: undefined };
    case 'sales_rejected':
    case 'lead_qualification_retracted':
    case 'lead_transition_retracted':
    case 'sla_retracted':
    case 'lead_recycle_retracted':
      // Compensations are decided by comparing histories; the state comes from the inputs again.
      return next;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown lead event ${JSON.stringify(unexpected)}`);
    }
  }
}
