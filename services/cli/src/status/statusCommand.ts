import { commonConfig, connectPipeline, createLogger, createPool, loadConfig } from '@leadflow/kit';
import { handoffConfigSchema, handoffGroups } from '@leadflow/handoff';
import { projectionsConfigSchema, projectionsGroups } from '@leadflow/projections';
import { scoringConfigSchema, scoringGroups } from '@leadflow/scoring';
import { z } from 'zod';
import { judgeStatus } from './judgeStatus';
import { readPipelineStatus, type PipelineStatus } from './readPipelineStatus';

/** Every consumer group of the pipeline, named as the services name them from the same environment. */
function pipelineGroups(env: NodeJS.ProcessEnv) {
  const scoring = scoringGroups(loadConfig(scoringConfigSchema, env));
  return [scoring.stitching, scoring.scoring, handoffGroups(loadConfig(handoffConfigSchema, env)).handoff, projectionsGroups(loadConfig(projectionsConfigSchema, env)).projections];
}

function formatStatus(status: PipelineStatus): string {
  const lines = ['group / topic / partition                                      lag  stored  kafka  log end  gap'];
  for (const group of status.groups) {
    for (const p of group.partitions) {
      const name = `${group.groupId} ${p.topic}/${p.partition}`;
      lines.push(`${name.padEnd(60)} ${[p.lag, p.stored, p.kafkaCommitted, p.logEnd, p.gap].map((n) => String(n).padStart(6)).join(' ')}`);
    }
  }
  const maybe = (n: number | null) => (n === null ? 'n/a (table missing)' : String(n));
  lines.push(
    '',
    `dead letters: ${status.deadLetters}`,
    `hand-off timers pending: ${maybe(status.pendingTimers)}, more than a minute overdue: ${maybe(status.overdueTimers)}`,
    `parked outcomes: ${maybe(status.parkedOutcomes)}`,
    `last score: ${status.lastScoredAt === null ? 'never' : new Date(status.lastScoredAt).toISOString()}`,
  );
  return lines.join('\n');
}

/** `leadflow status`: prints where the pipeline stands; resolves to 1 when something is unhealthy, for cron or a probe. */
export async function statusCommand(options: { maxLag: string }): Promise<number> {
  const maxLag = Number(options.maxLag);
  if (!Number.isInteger(maxLag) || maxLag < 0) throw new Error(`--max-lag: a whole number of records, not ${options.maxLag}`);
  const config = loadConfig(z.object(commonConfig));
  const { kafka, codecs } = await connectPipeline('leadflow-status', config, createLogger('status', 'warn'));
  const pool = await createPool(config.DATABASE_URL, { max: 2 });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const status = await readPipelineStatus({ kafka, admin, pool }, pipelineGroups(process.env), config.TOPIC_NAMESPACE, codecs.deadLetter.topicName, Date.now());
    console.log(formatStatus(status));
    const problems = judgeStatus(status, { maxLag });
    for (const problem of problems) console.log(`UNHEALTHY ${problem}`);
    return problems.length > 0 ? 1 : 0;
  } finally {
    await admin.disconnect();
    await pool.end();
  }
}
