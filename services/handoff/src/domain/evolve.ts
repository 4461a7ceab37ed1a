import type { LifecycleEvent } from '@leadflow/schemas';
import type { LeadLifecycleState } from './leadLifecycleState';

export function evolve(state: LeadLifecycleState, event: LifecycleEvent): LeadLifecycleState {
  const next = { ...state, leadId: event.leadId, transitions: state.transitions + 1 };
  switch (event.type) {
    case 'lead_qualified_mql':
    case 'lead_qualified_sql': {
      const { scoresEventId, total, grade } = event.payload;
      const stage = event.type === 'lead_qualified_mql' ? 'mql' : 'sql';
      return { ...next, stage, lastScores: { scoresEventId, evaluatedAt: event.occurredAt, total, grade } };
    }
    case 'lead_marked_do_not_contact':
      return { ...next, doNotContact: true };
    default: {
      const unexpected: never = event;
      throw new Error(`unknown lifecycle event ${JSON.stringify(unexpected)}`);
    }
  }
}
