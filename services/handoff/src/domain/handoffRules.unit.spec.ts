import rulesFile from '../../config/handoff-rules.json';
import { parseHandoffRules } from './handoffRules';

const routing = rulesFile.routing;

describe('parseHandoffRules', () => {
  it('accepts the default rules, owners available unless marked away', () => {
    const parsed = parseHandoffRules(rulesFile);

    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rules).toMatchObject({
      mqlMinTotal: 40,
      sqlMinTotal: 60,
      minFit: 20,
      bantRequiredForSql: 3,
      sqlSettlingSeconds: 30,
      sla: { deadlineSecondsByGrade: { A: 3600, B: 86_400, C: 172_800, D: 172_800, F: 172_800 }, maxBreaches: 2 },
      recycling: { noSalesActivityDays: 30, decayedDays: 21 },
    });
    expect(parsed.rules.routing.teams['emea-enterprise']?.owners).toEqual([
      { id: 'anna.schmidt', available: true },
      { id: 'tomasz.nowak', available: false },
      { id: 'chloe.martin', available: true },
    ]);
  });

  it('refuses a typo’d key and a wrong type, naming each field', () => {
    const parsed = parseHandoffRules({ ...rulesFile, minFit: '20', bantRequired: 3 });

    expect(parsed).toEqual({
      ok: false,
      errors: expect.arrayContaining(['bantRequired: unknown key', expect.stringMatching(/^minFit: .*expected number/)]),
    });
  });

  it('hands off at once without a settling window, and refuses a negative or fractional one', () => {
    const { sqlSettlingSeconds: _, ...withoutWindow } = rulesFile;
    const parsed = parseHandoffRules(withoutWindow);

    expect(parsed.ok && parsed.rules.sqlSettlingSeconds).toBe(0);
    expect(parseHandoffRules({ ...rulesFile, sqlSettlingSeconds: -1 })).toEqual({ ok: false, errors: [expect.stringMatching(/^sqlSettlingSeconds: /)] });
    expect(parseHandoffRules({ ...rulesFile, sqlSettlingSeconds: 1.5 })).toEqual({ ok: false, errors: [expect.stringMatching(/^sqlSettlingSeconds: /)] });
  });

  it('refuses an SQL threshold below the MQL one', () => {
    expect(parseHandoffRules({ ...rulesFile, sqlMinTotal: 30 })).toEqual({
      ok: false,
      errors: ['sqlMinTotal: expected sqlMinTotal to be at least mqlMinTotal'],
    });
  });

  it('refuses an SLA without a deadline for every grade', () => {
    const sla = { ...rulesFile.sla, deadlineSecondsByGrade: { A: 3600, B: 86_400, C: 172_800, D: 172_800 } };

    expect(parseHandoffRules({ ...rulesFile, sla })).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^sla\.deadlineSecondsByGrade\.F: /)],
    });
  });

  it('refuses a rule for a team that does not exist, and a fallback team that does not', () => {
    const rules = [...routing.rules, { name: 'apac', team: 'apac-sales', countries: ['JP'] }];

    expect(parseHandoffRules({ ...rulesFile, routing: { ...routing, rules, fallbackTeam: 'nobody' } })).toEqual({
      ok: false,
      errors: ['routing.rules.5.team: unknown team apac-sales', 'routing.fallbackTeam: unknown team nobody'],
    });
  });

  it('refuses a rule without a condition, a company size range upside down and a country not in ISO form', () => {
    const rules = [
      { name: 'everyone', team: 'inside-sales' },
      { name: 'mid-market', team: 'inside-sales', minCompanySize: 500, maxCompanySize: 100 },
      { name: 'germany', team: 'inside-sales', countries: ['Germany'] },
    ];

    expect(parseHandoffRules({ ...rulesFile, routing: { ...routing, rules } })).toEqual({
      ok: false,
      errors: [
        'routing.rules.0: expected at least one of features, countries, minCompanySize, maxCompanySize',
        'routing.rules.1.maxCompanySize: expected maxCompanySize to be at least minCompanySize',
        'routing.rules.2.countries.0: must be an ISO 3166-1 alpha-2 code such as DE',
      ],
    });
  });

  it('refuses a rule name used twice and an owner listed twice', () => {
    const rules = [routing.rules[0], routing.rules[0]];
    const teams = { ...routing.teams, 'inside-sales': { lead: 'sarah.okafor', owners: [{ id: 'ben.carter' }, { id: 'ben.carter' }] } };

    expect(parseHandoffRules({ ...rulesFile, routing: { ...routing, rules, teams } })).toEqual({
      ok: false,
      errors: [
        'routing.teams.inside-sales.owners: expected each owner once',
        'routing.rules.1.name: rule name routing-specialist used twice',
      ],
    });
  });
});
