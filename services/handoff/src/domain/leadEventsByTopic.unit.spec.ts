import { leadEventsByTopic } from './leadEventsByTopic';
import { applyScores, historyOf, mqlAt, outcome, scores, sqlAt, at } from './leadFixtures.spec';

describe('leadEventsByTopic', () => {
  it('splits a decision by topic in stream order, and keeps the stream’s own notes off every topic', () => {
    const events = historyOf(
      applyScores(mqlAt(0)),
      applyScores(scores({ total: 10, grade: 'F', evaluatedAt: at(1) })),
      applyScores(sqlAt(2)),
      outcome('lead_rejected', { reason: 'no budget' }, at(3)),
    );

    const byTopic = leadEventsByTopic(events);

    expect(events.map((e) => e.type)).toContain('mql_decay_started');
    expect(byTopic.lifecycle.map((e) => e.type)).toEqual([
      'lead_qualified_mql',
      'lead_qualified_sql',
      'lead_assigned',
      'sales_rejected',
    ]);
    expect(byTopic.sla.map((e) => e.type)).toEqual(['sla_started', 'sla_cancelled']);
    expect(byTopic.recycled.map((e) => e.type)).toEqual(['lead_recycled']);
  });
});
