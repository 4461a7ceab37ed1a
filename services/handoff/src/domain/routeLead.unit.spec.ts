import { context, germanEnterprise, rules } from './leadFixtures.spec';
import { routeLead } from './routeLead';
import type { RoutingRules } from './routingRules';

const route = (ctx = germanEnterprise, rotations: Record<string, number> = {}) => routeLead(ctx, rules.routing, rotations);

describe('routeLead: which team', () => {
  it('a lead exploring routing most goes to the routing specialists, whatever its territory', () => {
    expect(route(context({ companySize: 5000, country: 'DE' }, ['routing', 'crm-sync']))).toEqual({
      owner: 'malik.haddad',
      team: 'routing-specialists',
      rule: 'routing-specialist',
    });
    expect(route(context({ country: 'US' }, ['realtime-scoring']))).toMatchObject({ team: 'scoring-specialists' });
  });

  it('only the most explored feature decides', () => {
    expect(route(context({ companySize: 5000, country: 'DE' }, ['crm-sync', 'routing']))).toMatchObject({
      team: 'emea-enterprise',
    });
  });

  it('territory and segment: large European companies to enterprise, the rest of Europe to commercial', () => {
    expect(route(germanEnterprise)).toEqual({ owner: 'anna.schmidt', team: 'emea-enterprise', rule: 'emea-enterprise' });
    expect(route(context({ companySize: 999, country: 'FR' }))).toMatchObject({ team: 'emea-commercial' });
    expect(route(context({ country: 'fr' }))).toMatchObject({ team: 'emea-commercial', rule: 'emea-commercial' });
    expect(route(context({ companySize: 20_000, country: 'CA' }))).toMatchObject({ team: 'na-sales', rule: 'north-america' });
  });

  it('a lead no rule matches goes to the fallback team', () => {
    expect(route(context({ country: 'JP' }))).toEqual({ owner: 'ben.carter', team: 'inside-sales', rule: 'fallback' });
    expect(routeLead(undefined, rules.routing, {})).toMatchObject({ team: 'inside-sales' });
  });
});

describe('routeLead: whose turn', () => {
  it('takes turns among available owners, skipping the one away', () => {
    const owners = [0, 1, 2, 3, 4].map((turn) => route(germanEnterprise, { 'emea-enterprise': turn }).owner);

    expect(owners).toEqual(['anna.schmidt', 'chloe.martin', 'anna.schmidt', 'chloe.martin', 'anna.schmidt']);
  });

  it('the team lead takes the lead when every owner is away', () => {
    const allAway: RoutingRules = {
      ...rules.routing,
      teams: {
        ...rules.routing.teams,
        'emea-enterprise': { lead: 'katrin.vogel', owners: [{ id: 'anna.schmidt', available: false }] },
      },
    };

    expect(routeLead(germanEnterprise, allAway, {})).toMatchObject({ owner: 'katrin.vogel', team: 'emea-enterprise' });
  });
});
