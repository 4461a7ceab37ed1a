import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import type { Logger } from '@leadflow/kit';
import { z } from 'zod';
import { renderDashboardPage } from '../page/renderDashboardPage';
import { readCampaignPerformance } from '../queries/readCampaignPerformance';
import { readFunnelDaily } from '../queries/readFunnelDaily';
import { readGradeDistribution } from '../queries/readGradeDistribution';
import { readSlaPerformance } from '../queries/readSlaPerformance';
import { readSuccessMetrics } from '../queries/readSuccessMetrics';
import { readUntouchedSqls } from '../queries/readUntouchedSqls';
import { readDashboardData } from '../readDashboardData';

export interface DashboardAppOptions {
  /** A pool whose search path starts with the read models' schema. */
  pool: Pool;
  logger: Logger;
  now?: () => Date;
}

const windowQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });
const untouchedQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/** The page allows only its own inline styles: no script, no request to anywhere. */
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * `GET /` (and `/dashboard`): the dashboard page, rendered on the server from the views.
 * `GET /api/{funnel,grades,sla,campaigns,untouched,metrics}`: each view as JSON, one query each.
 */
export function buildDashboardApp(options: DashboardAppOptions): FastifyInstance {
  const now = options.now ?? (() => new Date());
  const httpLogger = options.logger.child({ component: 'dashboard' }, { level: 'warn' }) as unknown as FastifyBaseLogger;
  const app: FastifyInstance = Fastify({ loggerInstance: httpLogger });
  app.setErrorHandler(errorHandler(options.logger));
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
  });

  const page = async (request: { query: unknown }, reply: FastifyReply) => {
    const { days } = windowQuery.parse(request.query);
    const data = await readDashboardData(options.pool, { days, untouchedLimit: 100, now: now() });
    return reply.type('text/html; charset=utf-8').header('content-security-policy', contentSecurityPolicy).send(renderDashboardPage(data));
  };
  app.get('/', page);
  app.get('/dashboard', page);

  app.get('/api/funnel', async (request) => readFunnelDaily(options.pool, windowQuery.parse(request.query).days));
  app.get('/api/grades', async (request) => readGradeDistribution(options.pool, windowQuery.parse(request.query).days));
  app.get('/api/sla', async () => readSlaPerformance(options.pool));
  app.get('/api/campaigns', async () => readCampaignPerformance(options.pool));
  app.get('/api/untouched', async (request) => readUntouchedSqls(options.pool, untouchedQuery.parse(request.query).limit));
  app.get('/api/metrics', async () => readSuccessMetrics(options.pool));
  return app;
}

function errorHandler(logger: Logger) {
  return (error: FastifyError | z.ZodError, _request: unknown, reply: FastifyReply) => {
    if (error instanceof z.ZodError) {
      const message = error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return reply.code(400).send({ error: { code: 'invalid_query', message } });
    }
    if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).send({ error: { code: 'bad_request', message: error.message } });
    logger.error({ err: error }, 'dashboard request failed');
    // Postgres unreachable, or a view not there yet: the reader may try again shortly.
    return reply.code(503).header('retry-after', '5').send({ error: { code: 'unavailable', message: 'the read models could not be read; try again shortly' } });
  };
}
