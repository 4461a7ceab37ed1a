import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Starts the local stack (Kafka, schema registry) before the integration tiers, or reuses the one
 * already up, so tests always talk to the real services.
 */
export default function globalSetup(): void {
  const script = join(__dirname, '..', '..', '..', '..', 'infra', 'stack.sh');
  execFileSync('bash', [script, 'up'], { stdio: 'inherit' });
}
