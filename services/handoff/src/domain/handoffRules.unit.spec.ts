import rulesFile from '../../config/handoff-rules.json';
import { parseHandoffRules } from './handoffRules';

describe('parseHandoffRules', () => {
  it('accepts the default rules', () => {
    expect(parseHandoffRules(rulesFile)).toEqual({
      ok: true,
      rules: { mqlMinTotal: 40, sqlMinTotal: 60, minFit: 20, bantRequiredForSql: 3 },
    });
  });

  it('refuses a typo’d key and a wrong type, naming each field', () => {
    const parsed = parseHandoffRules({ ...rulesFile, minFit: '20', bantRequired: 3 });

    expect(parsed).toEqual({
      ok: false,
      errors: expect.arrayContaining([
        'bantRequired: unknown key',
        expect.stringMatching(/^minFit: .*expected number/),
      ]),
    });
  });

  it('refuses an SQL threshold below the MQL one', () => {
    expect(parseHandoffRules({ ...rulesFile, sqlMinTotal: 30 })).toEqual({
      ok: false,
      errors: ['sqlMinTotal: expected sqlMinTotal to be at least mqlMinTotal'],
    });
  });
});
