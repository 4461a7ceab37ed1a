import type { ScoreDecay } from '@leadflow/schemas';
import fc from 'fast-check';
import { defaultModel, foldAll, journeyArb, laterArb } from './activityFixtures.spec';
import { DAY_MS } from './decay';
import { evaluateScores } from './evaluateScores';

const model = defaultModel();

/** What a reader of the scores does with `decay` (lead_score_at in the projections, in SQL). */
function totalFromDecay(fit: number, evaluatedAt: number, decay: ScoreDecay, atMs: number) {
  const sum = (kind: 'intent' | 'readiness') =>
    decay.terms
      .filter((t) => t.kind === kind)
      .reduce((s, t) => s + Math.min(t.cap, t.uncapped * Math.pow(2, -Math.max(0, atMs - evaluatedAt) / (t.halfLifeDays * DAY_MS))), 0);
  const intent = Math.max(0, sum('intent') - decay.intentPenalty);
  const total = Math.min(decay.maxTotal, Math.max(0, Math.floor((100 * (fit + intent + sum('readiness'))) / decay.totalDenominator + 0.5)));
  const { A, B, C, D } = decay.gradeFloors;
  return { total, grade: total >= A ? 'A' : total >= B ? 'B' : total >= C ? 'C' : total >= D ? 'D' : 'F' };
}

describe('scoreDecayOf', () => {
  it('lets a reader evaluate the scores at any later time as scoring would', () => {
    fc.assert(
      fc.property(journeyArb, laterArb, fc.integer({ min: 0, max: 400 * DAY_MS }), (events, evaluatedAt, later) => {
        const state = foldAll(events, model);
        const scored = evaluateScores(state, model, evaluatedAt);
        const expected = evaluateScores(state, model, evaluatedAt + later);

        expect(totalFromDecay(scored.fit, evaluatedAt, scored.decay, evaluatedAt + later)).toEqual({ total: expected.total, grade: expected.grade });
      }),
    );
  });

  it('carries one term per decaying dimension, with the model rules', () => {
    const scored = evaluateScores(foldAll([], model), model, 0);

    expect(scored.decay.terms.map((t) => `${t.kind}.${t.dimension}`)).toEqual([
      ...Object.keys(model.intent.dimensions).map((d) => `intent.${d}`),
      ...Object.keys(model.readiness.dimensions).map((d) => `readiness.${d}`),
    ]);
    expect(scored.decay).toMatchObject({ intentPenalty: 0, totalDenominator: model.totalDenominator, maxTotal: 100, gradeFloors: model.grades });
  });
});
