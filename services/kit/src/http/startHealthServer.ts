import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** Whether a service is ready, and when it is not, why (shown in the 503's body). */
export interface Readiness {
  ready: boolean;
  problems?: string[];
}

/** `/health/live`, `/health/ready` (503 until `isReady`, with the reasons) and Prometheus `/metrics`, on loopback unless told. */
export async function startHealthServer(port: number, metrics: Registry, isReady: () => boolean | Readiness, host = '127.0.0.1'): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health/live' || path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"up"}');
    } else if (path === '/health/ready') {
      const answer = isReady();
      const readiness = typeof answer === 'boolean' ? { ready: answer } : answer;
      res.writeHead(readiness.ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(readiness));
    } else if (path === '/metrics') {
      metrics.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
