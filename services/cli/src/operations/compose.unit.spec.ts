import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { z } from 'zod';
import { loadConfig } from '@leadflow/kit';
import { handoffConfigSchema } from '@leadflow/handoff';
import { ingestConfigSchema } from '@leadflow/ingest';
import { projectionsConfigSchema } from '@leadflow/projections';
import { scoringConfigSchema } from '@leadflow/scoring';
import { SERVICES, type ServiceName } from '../demo/startServiceProcesses';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

const configOf: Record<ServiceName, z.ZodType> = {
  ingest: ingestConfigSchema,
  scoring: scoringConfigSchema,
  handoff: handoffConfigSchema,
  projections: projectionsConfigSchema,
};

/** The variables a service reads: the keys of its configuration schema. */
const variablesOf = (schema: z.ZodType): string[] => Object.keys((schema as unknown as z.ZodObject).shape);

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
const compose = load(read('docker-compose.yml')) as { services: Record<string, ComposeService> };
const leadflow = Object.entries(compose.services).filter(([, service]) => service.image === 'leadflow:local');

/** A value an operator gives for each `${NAME:?why}` Compose requires. */
const required: Record<string, string> = { INGEST_API_KEYS: 'lf_sk_operator-key-0001:crm' };

/** `${NAME:-default}` as Compose resolves it when NAME is not set; `${NAME:?why}` as the operator sets it. */
const withDefaults = (environment: Record<string, string | number>) =>
  Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      String(value)
        .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')
        .replace(/\$\{([A-Z_]+):\?[^}]*\}/g, (_, variable: string) => required[variable] ?? ''),
    ]),
  );

describe('docker-compose.yml', () => {
  it('runs each of the four services from the one image, chosen by the command', () => {
    expect(leadflow.map(([, service]) => service.command?.[0]).sort()).toEqual([...SERVICES].sort());
  });

  it('gives each service only environment variables it reads', () => {
    const unread = leadflow.flatMap(([name, service]) => {
      const reads = variablesOf(configOf[service.command?.[0] as ServiceName]);
      return Object.keys(service.environment ?? {}).filter((variable) => !reads.includes(variable)).map((variable) => `${name}: ${variable}`);
    });

    expect(unread).toEqual([]);
  });

  it('gives each service values its configuration accepts', () => {
    for (const [, service] of leadflow) {
      const config = loadConfig(configOf[service.command?.[0] as ServiceName], withDefaults(service.environment ?? {})) as { BIND_ADDRESS: string };
      expect(config.BIND_ADDRESS).toBe('0.0.0.0');
    }
  });

  it('checks the health of everything and starts a service only once what it needs is healthy', () => {
    const unchecked = Object.entries(compose.services).filter(([, service]) => !service.healthcheck).map(([name]) => name);
    const waitsFor = (name: string) => Object.entries(compose.services[name]?.depends_on ?? {}).filter(([, d]) => d.condition === 'service_healthy').map(([n]) => n).sort();

    expect(unchecked).toEqual([]);
    for (const [name] of leadflow) expect(waitsFor(name)).toEqual(expect.arrayContaining(['kafka', 'postgres', 'schema-registry']));
    expect(waitsFor('handoff')).toContain('scoring');
  });

  it('health-checks each service on the port it is told to listen on', () => {
    for (const [, service] of leadflow) {
      const port = service.environment?.INGEST_PORT ?? service.environment?.HEALTH_PORT;
      expect(service.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${port}/health/ready`);
    }
  });

  it('runs Kafka 4, keeping the topics’ history', () => {
    expect(compose.services.kafka?.image).toMatch(/^apache\/kafka:4\./);
    expect(compose.services.kafka?.environment?.KAFKA_LOG_RETENTION_MS).toBe(-1);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
  const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;

  it('installs only production dependencies in the image it runs, and runs as a user that is not root', () => {
    expect(runtime).toMatch(/RUN npm ci --omit=dev/);
    expect(runtime).toMatch(/^USER node$/m);
  });

  it('copies every workspace’s package.json before installing and its compiled code after', () => {
    const missing = workspaces.filter((w) => !runtime.includes(`COPY --from=build /app/${w}/package.json ${w}/`) || !runtime.includes(`COPY --from=build /app/${w}/dist ${w}/dist`));

    expect(missing).toEqual([]);
  });

  it('copies the data files the services read by default', () => {
    expect(runtime).toContain('COPY --from=build /app/services/scoring/models services/scoring/models');
    expect(runtime).toContain('COPY --from=build /app/services/handoff/config services/handoff/config');
  });

  it('has an entry point that runs each of the four services by name', () => {
    const entrypoint = read('infra/docker-entrypoint.sh');

    expect(entrypoint).toContain(`${SERVICES.join('|')}) exec node "/app/services/$1/dist/main.js"`);
  });
});
