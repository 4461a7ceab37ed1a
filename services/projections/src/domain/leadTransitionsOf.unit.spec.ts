import { leadTransitionsOf } from './leadTransitionsOf';

/** The CRM's reason as it travels: sealed with the lead's key. */
const SEALED_REASON = 'lf1.l.cmV4.1.AAAAAAAAAAAAAAAA.c3R1ZGVudCBwcm9qZWN0IHNlYWxlZA';
import { lifecycle, mql, recycled, sql } from './projectionFixtures.spec';

describe('leadTransitionsOf', () => {
  it('records stage changes, re-qualifications and rejections with their reasons (never the CRM\'s personal free text), amounts and grades', () => {
    const events = [
      mql('rex', 0, 'C'),
      sql('rex', 0, 'B'),
      lifecycle('rex', 5, 'lead_assigned', { owner: 'o', team: 't', rule: 'r', reason: 'routed' }),
      lifecycle('rex', 10, 'sales_rejected', { fromStage: 'sql', reason: SEALED_REASON }),
      recycled('rex', 10),
      lifecycle('rex', 20, 'lead_requalified', { fromStage: 'recycled', recycledFor: 'rejected_by_sales' }),
      lifecycle('rex', 30, 'opportunity_opened', { fromStage: 'sql', amount: 12_000 }),
      lifecycle('rex', 40, 'lead_marked_do_not_contact', { reason: 'contact consent withdrawn' }),
    ];

    const rows = leadTransitionsOf(events);

    expect(rows.map((r) => [r.type, r.fromStage, r.toStage, r.reason, r.amount, r.grade])).toEqual([
      ['lead_qualified_mql', 'lead', 'mql', null, null, 'C'],
      ['lead_qualified_sql', 'mql', 'sql', 'self_qualified', null, 'B'],
      ['sales_rejected', 'sql', null, null, null, null],
      ['lead_recycled', 'sql', 'recycled', 'rejected_by_sales', null, null],
      ['lead_requalified', 'recycled', null, 'rejected_by_sales', null, null],
      ['opportunity_opened', 'sql', 'opportunity', null, 12_000, null],
    ]);
    expect(rows.map((r) => r.eventId)).toEqual([0, 1, 3, 4, 5, 6].map((i) => events[i]?.eventId));
  });
});

describe('leadTransitionsOf, compensations', () => {
  it('records no row for a compensation: the read model keeps the net lifecycle', () => {
    const qualified = mql('cora', 0, 'C');
    const assigned = lifecycle('cora', 0, 'lead_assigned', { owner: 'o', team: 't', rule: 'r', reason: 'routed' });
    const why = { reason: 'contact consent was withdrawn before it in event time', stage: 'lead' } as const;
    const events = [
      lifecycle('cora', 1, 'lead_transition_retracted', { ...why, retractedEventId: assigned.eventId, retractedType: 'lead_assigned' }),
      lifecycle('cora', 1, 'lead_qualification_retracted', { ...why, retractedEventId: qualified.eventId, retractedType: 'lead_qualified_mql' }),
    ];

    const rows = leadTransitionsOf(events);

    expect(rows).toEqual([]);
  });
});
