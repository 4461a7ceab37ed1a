import { resolve } from 'node:path';
import type { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { ConfigError, connectPipeline, createLogger, describeTruncation, drainOutbox, serviceOutbox, loadConfig, readTruncatedPartitions, type Codecs, type TopicDurability } from '@leadflow/kit';
import { loadHandoffRules, type HandoffRules } from '@leadflow/handoff';
import { loadScoringModel, scoringGroups } from '@leadflow/scoring';
import { applyRescore, type AppliedRescore } from './applyRescore';
import { compareModels, type ModelComparison, type ModelPair } from './compareModels';
import { countActiveMembers } from './countActiveMembers';
import { formatRescoreReport } from './formatRescoreReport';
import { progressMeter, type ProgressMeter, type ProgressStream } from './progressMeter';
import { rescoreConfigSchema, type RescoreConfig } from './rescoreConfig';
import { replayLeadHistories } from './replayLeadHistories';
import { revealReplayedCompetitors } from './revealReplayedCompetitors';

export interface RescoreOptions {
  /** The new scoring model file. */
  model: string;
  /** Evaluation time, ISO 8601; now when absent. */
  at?: string;
  /** Publish the new scores and replace the scoring state. */
  apply?: boolean;
  /** Apply even while the scoring service's consumer group has members. */
  force?: boolean;
  /** Replay even when a partition of a folded topic no longer starts at offset 0. */
  allowTruncatedHistory?: boolean;
}

/** Where the command writes: the report to `out`, progress, warnings and refusals to `err`. */
export interface RescoreIo {
  out(text: string): void;
  err: ProgressStream;
  now(): number;
}

export interface RescoreOutcome {
  /** 0 done, 2 refused (to replay a truncated history, or to apply). */
  exitCode: 0 | 2;
  comparison?: ModelComparison;
  report?: string;
  applied?: AppliedRescore;
  refusal?: string;
}

/** Everything a re-scoring run works with, loaded and connected once. */
interface RescoreRun {
  options: RescoreOptions;
  config: RescoreConfig;
  models: ModelPair;
  rules: HandoffRules;
  at: number;
  kafka: Kafka;
  codecs: Codecs;
  durability: TopicDurability;
  io: RescoreIo;
}

const processIo: RescoreIo = { out: (text) => process.stdout.write(`${text}\n`), err: process.stderr, now: Date.now };

/** How long applying waits for the new scores to reach Kafka. */
const RELAY_WAIT_MS = 60_000;

function evaluationTime(at: string | undefined, nowMs: number): number {
  if (at === undefined) return nowMs;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(at) ? Date.parse(at) : NaN;
  if (Number.isNaN(ms)) throw new ConfigError(`--at: expected an ISO 8601 time such as 2026-11-25T10:00:00Z, got "${at}"`);
  return ms;
}

function refused(run: RescoreRun, refusal: string, soFar: Partial<RescoreOutcome> = {}): RescoreOutcome {
  run.io.err.write(`refused: ${refusal}\n`);
  return { ...soFar, exitCode: 2, refusal };
}

/** Why applying now would change the live state under a running scoring service, if it would. */
async function runningServiceRefusal(run: RescoreRun): Promise<string | undefined> {
  const groupId = `${run.config.TOPIC_NAMESPACE}${run.config.SCORING_GROUP_ID}`;
  const members = await countActiveMembers(run.kafka, groupId);
  if (members === 0) return undefined;
  const running = `the scoring service is running (consumer group ${groupId} has ${members} active member${members === 1 ? '' : 's'})`;
  if (!run.options.force) return `${running}: stop it before applying, or pass --force`;
  run.io.err.write(`warning: ${running}; applying anyway (--force)\n`);
  return undefined;
}

/** Why a replay of the folded topics would miss history, unless the operator accepted that. */
async function truncatedHistoryRefusal(run: RescoreRun): Promise<string | undefined> {
  if (run.options.allowTruncatedHistory) return undefined;
  const admin = run.kafka.admin();
  await admin.connect();
  try {
    const truncated = await readTruncatedPartitions(admin, foldedCodecs(run).map((codec) => codec.topicName));
    return truncated.length === 0 ? undefined : describeTruncation(truncated);
  } finally {
    await admin.disconnect();
  }
}

/** The codecs of the topics the scoring service folds: the raw activity topics and activity-by-lead. */
const foldedCodecs = (run: RescoreRun) => scoringGroups(run.config).scoring.topics.map((key) => run.codecs[key]);

/** Replays the history with progress on stderr, compares the models and prints the report. */
async function replayAndReport(run: RescoreRun): Promise<{ comparison: ModelComparison; report: string }> {
  let meter: ProgressMeter | undefined;
  const replay = await replayLeadHistories(run.kafka, foldedCodecs(run), (read, total) =>
    (meter ??= progressMeter('events', total, run.io.err)).update(read),
  );
  meter?.finish(replay.read);
  const histories = await revealReplayedCompetitors(replay.histories, run.models, run.config, (line) => run.io.err.write(line));
  const comparison = compareModels(histories, run.models, run.rules, run.at);
  const report = formatRescoreReport(comparison, {
    topics: foldedCodecs(run).map((codec) => codec.topicName),
    modelFiles: { before: run.config.SCORING_MODEL_FILE, after: run.options.model },
    replay,
  });
  run.io.out(report);
  return { comparison, report };
}

/** Publishes the new scores and replaces the scoring state, unless that would be unsafe. */
async function makeLive(run: RescoreRun, comparison: ModelComparison, report: string): Promise<RescoreOutcome> {
  if (comparison.latestEventAt !== undefined && comparison.latestEventAt > run.at) {
    const latest = new Date(comparison.latestEventAt).toISOString();
    return refused(run, `--at is before the latest replayed event (${latest}): the hand-off would ignore the new scores`, { comparison, report });
  }
  const running = await runningServiceRefusal(run);
  if (running) return refused(run, running, { comparison, report });
  const pool = new Pool({ connectionString: run.config.DATABASE_URL, max: 2 });
  const outbox = serviceOutbox(run.config.TOPIC_NAMESPACE, 'scoring');
  let waiting = 0;
  const applied = await applyRescore({ pool, outbox, codecs: run.codecs, model: run.models.after }, comparison)
    .then(async (result) => {
      const relay = { kafka: run.kafka, pool, outbox, namespace: run.config.TOPIC_NAMESPACE, logger: createLogger('rescore', 'error'), durability: run.durability };
      if (result.ok) waiting = await drainOutbox({ ...relay, timeoutMs: RELAY_WAIT_MS });
      return result;
    })
    .finally(() => pool.end());
  if (!applied.ok) return refused(run, applied.reason, { comparison, report, applied });
  if (waiting > 0) run.io.err.write(`${waiting} of the new scores wait in scoring's outbox: the scoring service publishes them when it starts\n`);
  run.io.out(
    [
      '',
      `applied: published ${applied.published} scores (cause rescore, model ${run.models.after.version}) to ${run.codecs.scores.topicName}`,
      `and replaced ${applied.rows} rows of lead_score_state, evaluated at ${new Date(run.at).toISOString()}.`,
      `Restart the scoring service with SCORING_MODEL_FILE=${resolve(run.options.model)}`,
    ].join('\n'),
  );
  return { exitCode: 0, comparison, report, applied };
}

/**
 * `leadflow rescore`: replays every lead's activity under the running model and a new one and
 * prints the diff report; with `apply`, then publishes the new scores and hands the scoring
 * service the new-model state, refusing while the service runs.
 */
export async function rescore(
  options: RescoreOptions,
  env: NodeJS.ProcessEnv = process.env,
  io: RescoreIo = processIo,
): Promise<RescoreOutcome> {
  const config = loadConfig(rescoreConfigSchema, env);
  const models = { before: loadScoringModel(config.SCORING_MODEL_FILE), after: loadScoringModel(options.model) };
  const rules = loadHandoffRules(config.HANDOFF_RULES_FILE);
  const at = evaluationTime(options.at, io.now());
  const { kafka, codecs, durability } = await connectPipeline('leadflow-rescore', config, createLogger('rescore', 'error'));
  const run: RescoreRun = { options, config, models, rules, at, kafka, codecs, durability, io };

  const truncated = await truncatedHistoryRefusal(run);
  if (truncated) return refused(run, truncated);
  const running = options.apply ? await runningServiceRefusal(run) : undefined;
  if (running) return refused(run, running);
  const { comparison, report } = await replayAndReport(run);
  if (options.apply) return makeLive(run, comparison, report);
  io.out('\nnothing published, nothing stored: run again with --apply to make the new model live');
  return { exitCode: 0, comparison, report };
}
