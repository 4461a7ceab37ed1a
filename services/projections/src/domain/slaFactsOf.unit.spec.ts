import { at, sla } from './projectionFixtures.spec';
import { slaFactsOf } from './slaFactsOf';

describe('slaFactsOf', () => {
  it('gives a met clock the team of its start', () => {
    const events = [
      sla('rita', 0, 'sla_started', { owner: 'malik.haddad', team: 'routing-specialists', deadline: at(60), grade: 'A', attempt: 1 }),
      sla('rita', 12, 'sla_met', { owner: 'malik.haddad', metBy: 'lead_contacted', by: 'malik.haddad', elapsedMs: 720_000 }),
    ];

    expect(slaFactsOf(events).map((f) => [f.type, f.owner, f.team, f.attempt, f.elapsedMs, f.metBy])).toEqual([
      ['sla_started', 'malik.haddad', 'routing-specialists', 1, null, null],
      ['sla_met', 'malik.haddad', 'routing-specialists', null, 720_000, 'lead_contacted'],
    ]);
  });

  it('gives each breach the team of its attempt, when escalation starts the next clock at the same instant', () => {
    const events = [
      sla('bruno', 0, 'sla_started', { owner: 'lucas.moreau', team: 'scoring-specialists', deadline: at(60), grade: 'A', attempt: 1 }),
      sla('bruno', 60, 'sla_breached', { owner: 'lucas.moreau', deadline: at(60), attempt: 1 }),
      sla('bruno', 60, 'sla_started', { owner: 'priya.raman', team: 'scoring-leads', deadline: at(120), grade: 'A', attempt: 2 }),
      sla('bruno', 120, 'sla_breached', { owner: 'priya.raman', deadline: at(120), attempt: 2 }),
    ];

    const facts = slaFactsOf([...events].reverse()).sort((a, b) => a.eventId.localeCompare(b.eventId));

    expect(facts.map((f) => [f.type, f.attempt, f.team])).toEqual([
      ['sla_started', 1, 'scoring-specialists'],
      ['sla_breached', 1, 'scoring-specialists'],
      ['sla_started', 2, 'scoring-leads'],
      ['sla_breached', 2, 'scoring-leads'],
    ]);
  });

  it('leaves the team open when the clock started in an earlier batch', () => {
    const [fact] = slaFactsOf([sla('cora', 5, 'sla_cancelled', { owner: 'ben.carter', reason: 'disqualified' })]);

    expect(fact?.team).toBeNull();
  });
});
