import fc from 'fast-check';
import { foldStageChanges, noStageChange } from './foldStageChanges';
import { byLead, lifecycle, mql, recycled, sql } from './projectionFixtures.spec';
import { supersedesStage } from './stageOrder';

describe('foldStageChanges', () => {
  it('gives each lead its latest stage and the first time it reached MQL and SQL, with the grades then', () => {
    const changes = foldStageChanges([sql('vera', 20, 'A'), mql('vera', 10, 'C'), mql('marco', 15)]);

    expect(byLead(changes).map((c) => [c.leadId, c.stage, c.stageChangedAt, c.mqlAt, c.sqlAt, c.gradeAtMql, c.gradeAtSql])).toEqual([
      ['marco', 'mql', mql('marco', 15).occurredAt, mql('marco', 15).occurredAt, null, 'C', null],
      ['vera', 'sql', sql('vera', 20).occurredAt, mql('vera', 10).occurredAt, sql('vera', 20).occurredAt, 'C', 'A'],
    ]);
  });

  it('ends a lead qualified for sales at the same instant as for marketing at SQL, whatever the order', () => {
    const [first] = foldStageChanges([sql('vera', 5), mql('vera', 5)]);

    expect(first?.stage).toBe('sql');
  });

  it('takes no stage from a compensation: the stage follows from the transitions that remain', () => {
    const qualified = sql('cora', 5);
    const retracted = lifecycle('cora', 5.001, 'lead_qualification_retracted', {
      retractedEventId: qualified.eventId,
      retractedType: 'lead_qualified_sql',
      reason: 'contact consent was withdrawn before it in event time',
      stage: 'lead',
    });

    const [change] = foldStageChanges([mql('cora', 5), retracted]);

    expect([change?.stage, change?.stageChangedAt]).toEqual(['mql', mql('cora', 5).occurredAt]);
  });

  it('takes the owner of the SQL assignment, then of a later escalation', () => {
    const escalated = lifecycle('bruno', 70, 'lead_assigned', { owner: 'jonas.weber', team: 'routing-specialists', rule: 'routing-specialist', reason: 'escalated', previousOwner: 'malik.haddad' });

    const [change] = foldStageChanges([escalated, sql('bruno', 10)]);

    expect([change?.owner, change?.team, change?.assignedAt]).toEqual(['jonas.weber', 'routing-specialists', escalated.occurredAt]);
  });

  it('follows a lead through acceptance, opportunity and a won deal, keeping the amounts', () => {
    const events = [
      sql('wanda', 0),
      lifecycle('wanda', 10, 'sales_accepted', { fromStage: 'sql', by: 'malik.haddad' }),
      lifecycle('wanda', 20, 'opportunity_opened', { fromStage: 'accepted', amount: 48_000 }),
      lifecycle('wanda', 30, 'deal_won', { fromStage: 'opportunity', amount: 52_000 }),
    ];

    const [change] = foldStageChanges(events);

    expect(change).toMatchObject({ stage: 'won', opportunityAmount: 48_000, wonAmount: 52_000 });
    expect([change?.acceptedAt, change?.opportunityAt, change?.wonAt]).toEqual(events.slice(1).map((e) => e.occurredAt));
  });

  it('counts an opportunity opened straight from SQL as accepted too', () => {
    const opened = lifecycle('oscar', 10, 'opportunity_opened', { fromStage: 'sql', amount: 9_000 });

    const [change] = foldStageChanges([sql('oscar', 0), opened]);

    expect([change?.acceptedAt, change?.opportunityAt]).toEqual([opened.occurredAt, opened.occurredAt]);
  });

  it('keeps the latest recycling and the first qualification of a lead that came back', () => {
    const events = [
      sql('rex', 0),
      recycled('rex', 10),
      lifecycle('rex', 20, 'lead_requalified', { fromStage: 'recycled', recycledFor: 'rejected_by_sales' }),
      mql('rex', 20),
      sql('rex', 20, 'A'),
      recycled('rex', 90, 'sla_breached'),
    ];

    const [change] = foldStageChanges(events);

    expect(change).toMatchObject({ stage: 'recycled', recycledAt: events[5]?.occurredAt, sqlAt: events[0]?.occurredAt, gradeAtSql: 'B' });
  });

  it('flags do-not-contact without changing the stage', () => {
    const dnc = lifecycle('sam', 5, 'lead_marked_do_not_contact', { reason: 'contact consent withdrawn' });

    expect(foldStageChanges([dnc])).toEqual([{ ...noStageChange('sam'), doNotContact: true }]);
  });

  it('gives the same changes for any order of the same events', () => {
    const events = [
      mql('a', 0),
      sql('a', 0),
      lifecycle('a', 10, 'sales_accepted', { fromStage: 'sql' }),
      lifecycle('a', 10, 'opportunity_opened', { fromStage: 'accepted', amount: 1_000 }),
      lifecycle('a', 50, 'deal_lost', { fromStage: 'opportunity', reason: 'budget' }),
      mql('b', 3),
      sql('b', 7),
      recycled('b', 9),
      lifecycle('b', 9, 'lead_assigned', { owner: 'x', team: 't', rule: 'r', reason: 'escalated' }),
    ];
    const expected = byLead(foldStageChanges(events));

    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), (shuffled) => {
        expect(byLead(foldStageChanges(shuffled))).toEqual(expected);
      }),
    );
  });
});

describe('supersedesStage', () => {
  it('prefers the later change, and at the same instant the later stage', () => {
    expect(supersedesStage(2, 'mql', 1, 'sql')).toBe(true);
    expect(supersedesStage(1, 'won', 2, 'mql')).toBe(false);
    expect(supersedesStage(1, 'mql', 1, 'sql')).toBe(false);
    expect(supersedesStage(1, 'sql', 1, 'mql')).toBe(true);
    expect(supersedesStage(1, 'mql', null, null)).toBe(true);
  });
});
