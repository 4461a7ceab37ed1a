import type { LifecycleEvent } from '@leadflow/schemas';
import { foldStageChanges } from './foldStageChanges';

const snapshot = {
  scoresEventId: '6a1c6a0e-0c5b-4a57-9a7e-0e8b2b9b4f11',
  modelVersion: 'v1',
  total: 70,
  grade: 'B' as const,
  fit: 50,
  intent: 60,
  readiness: 40,
};
const mql = (leadId: string, at: number): LifecycleEvent => ({
  eventId: `00000000-0000-4000-8000-${String(at).padStart(12, '0')}`,
  leadId,
  occurredAt: at,
  type: 'lead_qualified_mql',
  payload: { ...snapshot, fromStage: 'lead' },
});
const sql = (leadId: string, at: number): LifecycleEvent => ({
  eventId: `00000000-0000-4000-9000-${String(at).padStart(12, '0')}`,
  leadId,
  occurredAt: at,
  type: 'lead_qualified_sql',
  payload: { ...snapshot, fromStage: 'mql', route: 'score_and_bant', bantEstablished: ['budget', 'need', 'timeline'] },
});

describe('foldStageChanges', () => {
  it('gives each lead its latest stage and the first time it reached MQL and SQL', () => {
    const changes = foldStageChanges([sql('vera', 20), mql('vera', 10), mql('marco', 15)]);

    expect(changes).toEqual([
      { leadId: 'vera', stage: 'sql', stageChangedAt: 20, mqlAt: 10, sqlAt: 20, doNotContact: false },
      { leadId: 'marco', stage: 'mql', stageChangedAt: 15, mqlAt: 15, sqlAt: null, doNotContact: false },
    ]);
  });

  it('flags do-not-contact without changing the stage', () => {
    const dnc: LifecycleEvent = {
      eventId: '00000000-0000-4000-a000-000000000001',
      leadId: 'sam',
      occurredAt: 5,
      type: 'lead_marked_do_not_contact',
      payload: { reason: 'contact consent withdrawn' },
    };

    expect(foldStageChanges([dnc])).toEqual([
      { leadId: 'sam', stage: null, stageChangedAt: null, mqlAt: null, sqlAt: null, doNotContact: true },
    ]);
  });
});
