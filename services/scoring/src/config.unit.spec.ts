import { loadConfig } from '@leadflow/kit';
import { scoringConfigSchema } from './config';
import { loadScoringModel, scoringRetentionOf } from './startScoring';

describe('scoring configuration of retention', () => {
  it('derives the bounds from the model horizon and the defaults', () => {
    // prepare
    const config = loadConfig(scoringConfigSchema, {});
    const model = loadScoringModel(config.SCORING_MODEL_FILE);

    // act
    const retention = scoringRetentionOf(config, model);

    // assert
    expect(retention.appliedIds).toEqual({ horizonDays: model.maxEventAgeDays, marginDays: 30 });
    expect([retention.heldActivity.horizonDays, retention.heldActivity.graceDays, retention.chunk]).toEqual([model.maxEventAgeDays, 30, 1_000]);
  });

  it('refuses a dedup margin shorter than the grace of held activity, naming both', () => {
    expect(() => loadConfig(scoringConfigSchema, { SCORING_HELD_GRACE_DAYS: '60', SCORING_DEDUP_MARGIN_DAYS: '30' })).toThrow(
      /SCORING_DEDUP_MARGIN_DAYS.*must be at least SCORING_HELD_GRACE_DAYS/,
    );
  });
});

describe('scoring configuration of roles', () => {
  it('runs every part by default, and the parts named when split', () => {
    expect([...loadConfig(scoringConfigSchema, {}).SCORING_ROLES]).toEqual(['stitching', 'fold', 'regrade', 'retention']);
    expect([...loadConfig(scoringConfigSchema, { SCORING_ROLES: ' fold, regrade ' }).SCORING_ROLES]).toEqual(['fold', 'regrade']);
  });

  it('refuses an unknown role or none, naming the known ones', () => {
    expect(() => loadConfig(scoringConfigSchema, { SCORING_ROLES: 'fold,billing' })).toThrow(/SCORING_ROLES.*unknown role billing \(expected some of stitching, fold, regrade, retention\)/);
    expect(() => loadConfig(scoringConfigSchema, { SCORING_ROLES: ' , ' })).toThrow(/SCORING_ROLES.*names no role/);
  });
});
