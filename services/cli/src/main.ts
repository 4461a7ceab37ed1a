#!/usr/bin/env node
import { Command } from 'commander';
import { commonConfig, connectPipeline, createLogger, loadConfig } from '@leadflow/kit';
import { z } from 'zod';
import { stack } from './commands/stack';
import { dlqCommand } from './dlq/dlqCommand';
import { statusCommand } from './status/statusCommand';
import { runDemo } from './demo/runDemo';
import { registerKeysCommand } from './keys/keysCommand';
import { registerPrivacyCommands } from './privacy/privacyCommands';
import { rebuildCommand, type RebuildCommandOptions } from './projections/rebuildCommand';
import { chaosCommand } from './chaos/chaosCommand';
import { rescore, type RescoreOptions } from './rescore/rescore';
import { simulateCommand } from './simulate/simulateCommand';
import { parseStartOptions } from './start/startOptions';
import { startPipeline } from './start/startPipeline';
import { registerTopicsCommand } from './topics/topicsCommand';

const program = new Command('leadflow').description('Operate the leadflow pipeline');

program
  .command('stack')
  .description('start, stop or report on the local Kafka broker and schema registry')
  .argument('<action>', 'up | down | status | logs')
  .action((action: string) => {
    process.exitCode = stack([action]);
  });

program
  .command('start')
  .description('run the pipeline for real use: the local stack, then ingest, scoring, hand-off and projections, supervised; one SIGTERM stops all')
  .option('--only <services>', 'comma-separated services to run (ingest, scoring, handoff, projections)')
  .option('--instances <n>', 'processes per service, each on its own ports (+100 each)', '1')
  .option('--no-stack', 'use the Kafka, registry and Postgres configured in the environment instead of the local stack')
  .action(async (raw: { only?: string; instances?: string; stack?: boolean }) => {
    const options = parseStartOptions(raw);
    if (!options.ok) throw new Error(options.errors.join('\n'));
    process.exitCode = await startPipeline(options.value);
  });

program
  .command('simulate')
  .description('send realistic lead activity to ingest at a given rate: generated leads in the demo’s scenarios and anonymous visitors')
  .option('--ingest-url <url>', 'the ingest API', 'http://127.0.0.1:18080')
  .option('--api-key <key>', 'an ingest API key (`leadflow keys create`, or the one `leadflow start` printed); default $LEADFLOW_API_KEY', process.env.LEADFLOW_API_KEY)
  .option('--rate <events/s>', 'events per second', '50')
  .option('--leads <n>', 'generated leads', '100')
  .option('--visitors <n>', 'anonymous visitors who never identify (default: 5 per lead)')
  .option('--seed <n>', 'the shape of the population (same seed, same shape; ids are always new)')
  .action(async (raw: Record<string, string | undefined>) => {
    process.exitCode = await simulateCommand(raw);
  });

program
  .command('init')
  .description('create the pipeline topics and register their schemas (BACKWARD compatibility)')
  .action(async () => {
    const config = loadConfig(z.object(commonConfig));
    const { codecs } = await connectPipeline('leadflow-cli', config, createLogger('cli', 'warn'));
    for (const codec of Object.values(codecs)) console.log(`${codec.topicName}  registered as ${codec.topicName}-value`);
  });

program
  .command('demo')
  .description('run the pipeline end to end on the local stack with sample lead journeys')
  .option('--database-url <url>', 'Postgres database for the demo, recreated (default: leadflow_demo on the stack’s Postgres)')
  .option('--keep-stack', 'leave Kafka and the registry running afterwards', false)
  .action(async (options: { databaseUrl?: string; keepStack: boolean }) => {
    process.exitCode = await runDemo(options);
  });

program
  .command('rescore')
  .description('replay lead activity under a new scoring model and report what changes; --apply makes it live')
  .requiredOption('--model <file>', 'the new scoring model (JSON)')
  .option('--at <time>', 'evaluation time, ISO 8601 (default: now)')
  .option('--apply', 'publish the new scores and replace the scoring state (the scoring service must be stopped)', false)
  .option('--force', 'apply even while the scoring service is running', false)
  .option('--allow-truncated-history', 'replay even when a partition’s log no longer starts at offset 0', false)
  .action(async (options: RescoreOptions) => {
    process.exitCode = (await rescore(options)).exitCode;
  });

program
  .command('projections')
  .description('the read models analysts query')
  .command('rebuild')
  .description('replay the projections’ input topics into fresh tables and swap them in atomically (the service may keep running)')
  .option('--keep-old', 'keep the replaced tables in schema <schema>_old_<timestamp> instead of dropping them', false)
  .option('--allow-truncated-history', 'rebuild even when a partition’s log no longer starts at offset 0', false)
  .action(async (options: RebuildCommandOptions) => {
    await rebuildCommand(options);
  });

dlqCommand(program);
chaosCommand(program);

program
  .command('status')
  .description('lag per consumer group and partition, stored vs Kafka offsets, DLQ size, timers, last score; exits 1 when unhealthy')
  .option('--max-lag <records>', 'lag above which a partition counts as unhealthy', '10000')
  .action(async (options: { maxLag: string }) => {
    process.exitCode = await statusCommand(options);
  });

registerKeysCommand(program);
registerPrivacyCommands(program);
registerTopicsCommand(program);

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
