import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import { ConfigError, type Logger, type Stoppable } from '@leadflow/kit';
import { buildDashboardApp } from './http/buildDashboardApp';

export interface RunningDashboard extends Stoppable {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
}

/** Serves the dashboard on 127.0.0.1 only: it shows lead ids and owners and asks for no credentials. */
export async function startDashboard(options: { pool: Pool; logger: Logger; port: number }): Promise<RunningDashboard> {
  const app = buildDashboardApp({ pool: options.pool, logger: options.logger });
  try {
    await app.listen({ host: '127.0.0.1', port: options.port });
  } catch (error) {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    throw new ConfigError(`DASHBOARD_PORT ${options.port} is already in use on 127.0.0.1: set DASHBOARD_PORT to a free port, or 0 for any`);
  }
  const { port } = app.server.address() as AddressInfo;
  options.logger.info({ url: `http://127.0.0.1:${port}/` }, 'dashboard listening');
  return { url: `http://127.0.0.1:${port}`, port, stop: () => app.close() };
}
