import defaultModelFile from '../../models/default.v1.json';
import { parseScoringModel } from './scoringModel';

type Node = Record<string, unknown>;

/** The default model with the fields at the given dotted paths replaced. */
function defaultWith(changes: Record<string, unknown>): unknown {
  const model: Node = structuredClone(defaultModelFile);
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    const field = keys.pop() ?? '';
    const parent = keys.reduce((node, key) => node[key] as Node, model);
    parent[field] = value;
  }
  return model;
}

describe('parseScoringModel', () => {
  it('accepts the default model of the seed', () => {
    const parsed = parseScoringModel(defaultModelFile);

    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.model).toMatchObject({
      version: 'default.v1',
      totalDenominator: 215,
      fit: {
        dimensions: {
          companySizeRevenue: { cap: 20 },
          industry: { cap: 15 },
          roleSeniority: { cap: 20 },
          geography: { cap: 10 },
        },
      },
      intent: {
        dimensions: {
          contentEngagement: { cap: 25, halfLifeDays: 14 },
          sharingStakeholders: { cap: 10, halfLifeDays: 14 },
        },
      },
      readiness: { dimensions: { budget: { cap: 20, halfLifeDays: 90 }, timeline: { cap: 15, halfLifeDays: 90 } } },
    });
  });

  it('refuses a typo’d key, naming it', () => {
    const model = defaultWith({ 'intent.dimensions.contentEngagement': { cap: 25, halfLifeDay: 14 } });

    const parsed = parseScoringModel(model);

    expect(parsed).toEqual({
      ok: false,
      errors: expect.arrayContaining([
        'intent.dimensions.contentEngagement.halfLifeDay: unknown key',
        expect.stringMatching(/^intent\.dimensions\.contentEngagement\.halfLifeDays: .*expected number/),
      ]),
    });
  });

  it('refuses a wrong type, naming the field', () => {
    const model = defaultWith({ 'fit.seniorityPoints.vp': 'twenty' });

    expect(parseScoringModel(model)).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^fit\.seniorityPoints\.vp: .*expected number/)],
    });
  });

  it('refuses grade thresholds out of order and reports every problem at once', () => {
    const model = defaultWith({ 'grades.B': 90, totalDenominator: 0 });

    const parsed = parseScoringModel(model);

    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual(
      expect.arrayContaining([expect.stringMatching(/^totalDenominator: /), 'grades: expected A > B > C > D']),
    );
  });

  it('bounds the hand-off context, by default to five questions, assets and features', () => {
    const { handoffContext: _, ...withoutBounds } = structuredClone(defaultModelFile);

    const parsed = parseScoringModel(withoutBounds);

    expect(parsed.ok && parsed.model.handoffContext).toEqual({ maxQuestions: 5, maxAssets: 5, maxFeatures: 5 });
  });

  it('refuses to hand off more features than it tracks, naming both settings', () => {
    const model = defaultWith({ 'intent.maxTrackedFeatures': 3 });

    expect(parseScoringModel(model)).toEqual({
      ok: false,
      errors: ['handoffContext.maxFeatures: exceeds intent.maxTrackedFeatures: only tracked features can be handed off'],
    });
  });

  it('refuses what is not a model at all', () => {
    expect(parseScoringModel('default.v1')).toEqual({ ok: false, errors: [expect.stringMatching(/^\(root\): /)] });
  });
});
