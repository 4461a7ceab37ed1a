import { at, event, LEAD } from '../leadFixtures.spec';
import type { LeadEvent } from '../leadEvent';
import { topicOfLeadEvent } from '../topicOfLeadEvent';
import { retractionOf } from './retractionOf';

const published = (type: LeadEvent['type'], payload: unknown): LeadEvent =>
  ({ ...event(type, payload, at(0)), eventId: '00000000-0000-5000-8000-00000000000a', leadId: LEAD }) as LeadEvent;

describe('retractionOf', () => {
  const why = { reason: 'a late input re-decided the lead in event-time order', stage: 'mql' } as const;

  it.each([
    ['lead_qualified_sql', 'lead_qualification_retracted', 'lifecycle'],
    ['lead_qualified_mql', 'lead_qualification_retracted', 'lifecycle'],
    ['lead_assigned', 'lead_transition_retracted', 'lifecycle'],
    ['sales_accepted', 'lead_transition_retracted', 'lifecycle'],
    ['lead_marked_do_not_contact', 'lead_transition_retracted', 'lifecycle'],
    ['sla_started', 'sla_retracted', 'sla'],
    ['sla_breached', 'sla_retracted', 'sla'],
    ['lead_recycled', 'lead_recycle_retracted', 'recycled'],
  ] as const)('undoes %s with %s on the %s topic, naming it, why, and the stage', (type, retraction, topic) => {
    const undone = published(type, {});

    const compensation = retractionOf(undone, why.reason, why.stage);

    expect(compensation).toEqual({ type: retraction, payload: { retractedEventId: undone.eventId, retractedType: type, ...why } });
    expect(topicOfLeadEvent({ ...undone, ...compensation } as LeadEvent)).toBe(topic);
  });

  it('refuses to retract a note, which was never published', () => {
    expect(() => retractionOf(published('mql_decay_started', {}), why.reason, why.stage)).toThrow(/never published/);
  });
});
