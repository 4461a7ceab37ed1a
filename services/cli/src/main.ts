#!/usr/bin/env node
import { Command } from 'commander';
import { commonConfig, connectPipeline, createLogger, loadConfig } from '@leadflow/kit';
import { z } from 'zod';
import { stack } from './commands/stack';
import { runDemo } from './demo/runDemo';
import { registerKeysCommand } from './keys/keysCommand';
import { rebuildCommand, type RebuildCommandOptions } from './projections/rebuildCommand';
import { rescore, type RescoreOptions } from './rescore/rescore';

const program = new Command('leadflow').description('Operate the leadflow pipeline');

program
  .command('stack')
  .description('start, stop or report on the local Kafka broker and schema registry')
  .argument('<action>', 'up | down | status | logs')
  .action((action: string) => {
    process.exitCode = stack([action]);
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
  .option('--database-url <url>', 'Postgres database for the demo (recreated)', 'postgres://postgres@127.0.0.1:5432/leadflow_demo')
  .option('--keep-stack', 'leave Kafka and the registry running afterwards', false)
  .action(async (options: { databaseUrl: string; keepStack: boolean }) => {
    process.exitCode = await runDemo(options);
  });

program
  .command('rescore')
  .description('replay lead activity under a new scoring model and report what changes; --apply makes it live')
  .requiredOption('--model <file>', 'the new scoring model (JSON)')
  .option('--at <time>', 'evaluation time, ISO 8601 (default: now)')
  .option('--apply', 'publish the new scores and replace the scoring state (the scoring service must be stopped)', false)
  .option('--force', 'apply even while the scoring service is running', false)
  .action(async (options: RescoreOptions) => {
    process.exitCode = (await rescore(options)).exitCode;
  });

program
  .command('projections')
  .description('the read models analysts query')
  .command('rebuild')
  .description('replay the projections’ input topics into fresh tables and swap them in atomically (the service may keep running)')
  .option('--keep-old', 'keep the replaced tables in schema <schema>_old_<timestamp> instead of dropping them', false)
  .action(async (options: RebuildCommandOptions) => {
    await rebuildCommand(options);
  });

registerKeysCommand(program);

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
