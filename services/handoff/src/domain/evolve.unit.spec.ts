import type { LifecycleEvent } from '@leadflow/schemas';
import { evolve } from './evolve';
import { initialLeadLifecycleState } from './leadLifecycleState';

const snapshot = {
  scoresEventId: '00000000-0000-4000-8000-000000000001',
  modelVersion: 'default.v1',
  total: 72,
  grade: 'B',
  fit: 55,
  intent: 40,
  readiness: 60,
} as const;

const envelope = (n: number) => ({
  eventId: `00000000-0000-5000-8000-00000000000${n}`,
  leadId: 'lead-42',
  occurredAt: 1_000 * n,
});

describe('evolve', () => {
  it('follows the stage changes and remembers the scores behind the last one', () => {
    const history: LifecycleEvent[] = [
      { ...envelope(1), type: 'lead_qualified_mql', payload: { ...snapshot, fromStage: 'lead' } },
      {
        ...envelope(2),
        type: 'lead_qualified_sql',
        payload: { ...snapshot, fromStage: 'mql', route: 'score_and_bant', bantEstablished: ['budget'] },
      },
      { ...envelope(3), type: 'lead_marked_do_not_contact', payload: { reason: 'contact consent withdrawn' } },
    ];

    expect(history.reduce(evolve, initialLeadLifecycleState())).toEqual({
      leadId: 'lead-42',
      stage: 'sql',
      doNotContact: true,
      transitions: 3,
      lastScores: { scoresEventId: snapshot.scoresEventId, evaluatedAt: 2_000, total: 72, grade: 'B' },
    });
  });
});
