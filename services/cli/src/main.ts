#!/usr/bin/env node
import { Command } from 'commander';
import { commonConfig, connectPipeline, createLogger, loadConfig } from '@leadflow/kit';
import { z } from 'zod';
import { stack } from './commands/stack';
import { runDemo } from './demo/runDemo';

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

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
