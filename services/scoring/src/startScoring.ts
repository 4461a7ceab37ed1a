import { createPool, defineConsumer, groupIdOf, loadDataFile, MasterKeys, startConsumerService, topicNamesOf, type RunningService } from '@leadflow/kit';
import { topics } from '@leadflow/schemas';
import { scoringGroups } from './consumerGroups';
import type { ScoringRole } from './scoringRoles';
import type { ScoringConfig } from './config';
import { LeadRowCache } from './db/LeadRowCache';
import { scoringMigrations } from './db/migrations';
import { startFoldAtStitchedOffsets } from './db/startFoldAtStitchedOffsets';
import { parseScoringModel, type ScoringModel } from './domain';
import { competitorRevealer } from './kafka/revealCompetitors';
import { scoreBatch } from './kafka/scoreBatch';
import { startRegradeTicker } from './regrading/startRegradeTicker';
import { startRetentionTicker, type ScoringRetention } from './retention';
import { heldActivityBound } from './stitching/heldActivityBound';
import { stitchBatch } from './stitching/stitchBatch';

export const loadScoringModel = (path: string): ScoringModel =>
  loadDataFile('scoring model', path, (input) => {
    const parsed = parseScoringModel(input);
    return parsed.ok ? { ok: true, value: parsed.model } : parsed;
  });

/**
 * The composition root of scoring: identity stitching (visitor activity re-keyed by lead), the fold
 * of each lead's activity into scores, the ticker that re-grades leads when decay crosses a boundary
 * and the one that prunes scoring's tables — those of them `SCORING_ROLES` names.
 */
export async function startScoring(config: ScoringConfig): Promise<RunningService> {
  const model = loadScoringModel(config.SCORING_MODEL_FILE);
  const masters = MasterKeys.fromEnvironment(config);
  const groups = scoringGroups(config);
  const retention = scoringRetentionOf(config, model);
  // The competitor check's keys come from a pool of their own: a batch holds a connection of the
  // service's pool for its transaction, and batches waiting on the same pool for a key would starve it.
  const keysPool = await createPool(config.DATABASE_URL, { max: 2, connectTimeoutMs: config.PG_CONNECT_TIMEOUT_MS, statementTimeoutMs: config.PG_STATEMENT_TIMEOUT_MS });
  const runs = (role: ScoringRole) => config.SCORING_ROLES.has(role);
  const service = await startConsumerService(config, {
    name: 'scoring',
    migrations: scoringMigrations,
    beforeStart: async ({ pool, namespace }) => {
      await startFoldAtStitchedOffsets(pool, {
        foldGroup: groupIdOf(groups.scoring, namespace),
        stitchingGroup: groupIdOf(groups.stitching, namespace),
        rawTopics: topicNamesOf(groups.stitching, namespace),
        activityTopic: `${namespace}${topics.activityByLead.name}`,
      });
    },
    consumers: [
      ...(runs('stitching') ? [defineConsumer({ ...groups.stitching, handle: ({ outbox, codecs }) => stitchBatch({ outbox, codecs, bound: retention.heldActivity }) })] : []),
      // stitching reads the raw topics whole and dead-letters what does not decode, in this process or another
      ...(runs('fold')
        ? [defineConsumer({ ...groups.scoring, skipUndecodable: groups.stitching.topics, handle: ({ outbox, codecs }) => scoreBatch({ model, outbox, codecs, rows: rowCacheOf(config), revealCompetitors: competitorRevealer(keysPool, masters) }) })]
        : []),
    ],
    workers: ({ pool, outbox, codecs, logger, metrics }) => [
      ...(runs('regrade') ? [startRegradeTicker({ pool, model, outbox, codecs, batchSize: config.SCORING_REGRADE_BATCH }, logger, config.SCORING_REGRADE_INTERVAL_MS)] : []),
      ...(runs('retention') ? [startRetentionTicker({ pool, retention, metrics }, logger, config.SCORING_RETENTION_INTERVAL_MS)] : []),
    ],
  }).catch(async (error: unknown) => {
    await keysPool.end();
    throw error;
  });
  return {
    ...service,
    stop: async () => {
      await service.stop();
      await keysPool.end();
    },
  };
}

const rowCacheOf = (config: ScoringConfig): LeadRowCache | undefined =>
  config.SCORING_STATE_CACHE_LEADS > 0 ? new LeadRowCache(config.SCORING_STATE_CACHE_LEADS) : undefined;

/** The bounds of scoring's internal tables: the model's horizon plus the configured grace and margin. */
export const scoringRetentionOf = (config: ScoringConfig, model: ScoringModel): ScoringRetention => ({
  appliedIds: { horizonDays: model.maxEventAgeDays, marginDays: config.SCORING_DEDUP_MARGIN_DAYS },
  heldActivity: heldActivityBound(model.maxEventAgeDays, config.SCORING_HELD_GRACE_DAYS),
  chunk: config.SCORING_RETENTION_CHUNK,
});
