import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..', '..');
const script = join(repoRoot, 'infra', 'stack.sh');

/** Runs `infra/stack.sh <args>` (start, stop or report on Kafka, the registry and Postgres); returns its exit code. */
export function stack(args: string[], options: { quiet?: boolean } = {}): number {
  const result = spawnSync('bash', [script, ...args], { stdio: options.quiet ? 'ignore' : 'inherit' });
  return result.status ?? 1;
}

/** Where the local stack's services listen, as `infra/stack.sh up` prints them. */
export interface StackSettings {
  KAFKA_BROKERS: string;
  SCHEMA_REGISTRY_URL: string;
  /** The Postgres at DATABASE_URL when it answered, else the embedded one the stack started. */
  DATABASE_URL: string;
}

/** Starts (or reuses) the local stack; returns its settings, or undefined when it could not start. */
export function stackUp(env: NodeJS.ProcessEnv = process.env): StackSettings | undefined {
  const result = spawnSync('bash', [script, 'up'], { env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  const printed = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match?.[1] && match[2]) printed.set(match[1], match[2]);
  }
  const get = (name: keyof StackSettings) => {
    const value = printed.get(name);
    if (!value) throw new Error(`infra/stack.sh up printed no ${name}`);
    return value;
  };
  return { KAFKA_BROKERS: get('KAFKA_BROKERS'), SCHEMA_REGISTRY_URL: get('SCHEMA_REGISTRY_URL'), DATABASE_URL: get('DATABASE_URL') };
}
