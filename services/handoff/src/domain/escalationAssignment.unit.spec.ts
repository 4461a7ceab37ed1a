import { escalationAssignment } from './escalationAssignment';
import { rules } from './leadFixtures.spec';
import type { RoutingRules } from './routingRules';

const enterprise = (owner: string) => ({ owner, team: 'emea-enterprise', rule: 'emea-enterprise' });

describe('escalationAssignment', () => {
  it('hands over to the next available owner after the current one, wrapping round', () => {
    expect(escalationAssignment(enterprise('anna.schmidt'), rules.routing)).toEqual(enterprise('chloe.martin'));
    expect(escalationAssignment(enterprise('chloe.martin'), rules.routing)).toEqual(enterprise('anna.schmidt'));
  });

  it('hands over to the team lead when nobody else is available', () => {
    const aloneAtWork: RoutingRules = {
      ...rules.routing,
      teams: {
        ...rules.routing.teams,
        'emea-enterprise': {
          lead: 'katrin.vogel',
          owners: [
            { id: 'anna.schmidt', available: true },
            { id: 'tomasz.nowak', available: false },
          ],
        },
      },
    };

    expect(escalationAssignment(enterprise('anna.schmidt'), aloneAtWork)).toEqual(enterprise('katrin.vogel'));
  });

  it('a team gone from the rules hands over to the fallback team', () => {
    expect(escalationAssignment({ owner: 'x.y', team: 'apac', rule: 'apac' }, rules.routing)).toEqual({
      owner: 'ben.carter',
      team: 'inside-sales',
      rule: 'apac',
    });
  });
});
