import { Pool } from 'pg';
import { connectPipeline, createLogger, loadConfig, testing, type Pipeline, type Stoppable } from '@leadflow/kit';
import { ingestConfigSchema, startIngest } from '@leadflow/ingest';
import { scoringConfigSchema, startScoring } from '@leadflow/scoring';
import { handoffConfigSchema, startHandoff } from '@leadflow/handoff';
import { projectionsConfigSchema, startProjections } from '@leadflow/projections';

/** The four services in this process on an isolated run, a reader of its topics and a pool on its database. */
export interface PipelineUnderTest {
  run: testing.IsolatedRun;
  ingestUrl: string;
  pipeline: Pipeline;
  pool: Pool;
  stop(): Promise<void>;
}

/** Starts ingest, scoring, hand-off and projections with `env` added to the run's own settings. */
export async function startPipelineUnderTest(label: string, env: Record<string, string>): Promise<PipelineUnderTest> {
  const run = await testing.isolatedRun(label);
  const settings = { ...run.env, INGEST_PORT: '0', ...env };
  const ingest = await startIngest(loadConfig(ingestConfigSchema, settings));
  const services: Stoppable[] = [
    ingest,
    await startScoring(loadConfig(scoringConfigSchema, settings)),
    await startHandoff(loadConfig(handoffConfigSchema, settings)),
    await startProjections(loadConfig(projectionsConfigSchema, settings)),
  ];
  const pipeline = await connectPipeline(`${label}-reader`, loadConfig(ingestConfigSchema, settings), createLogger(label, 'warn'));
  const pool = new Pool({ connectionString: run.databaseUrl });
  return {
    run,
    ingestUrl: ingest.url,
    pipeline,
    pool,
    stop: async () => {
      await pool.end();
      for (const service of services.reverse()) await service.stop();
      await run.cleanUp();
    },
  };
}
