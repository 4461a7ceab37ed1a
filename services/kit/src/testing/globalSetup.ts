import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Starts the local stack (Kafka, schema registry, and an embedded Postgres when none answers at
 * DATABASE_URL) before the integration tiers, or reuses the one already up, so tests always talk
 * to the real services. The Postgres the stack settled on is handed to the test workers.
 */
export default function globalSetup(): void {
  const script = join(__dirname, '..', '..', '..', '..', 'infra', 'stack.sh');
  const printed = execFileSync('bash', [script, 'up'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  const databaseUrl = /^DATABASE_URL=(.+)$/m.exec(printed)?.[1];
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
}
