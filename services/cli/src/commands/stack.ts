import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..', '..');
const script = join(repoRoot, 'infra', 'stack.sh');

/** Runs `infra/stack.sh <args>` (start, stop or report on Kafka and the registry); returns its exit code. */
export function stack(args: string[], options: { quiet?: boolean } = {}): number {
  const result = spawnSync('bash', [script, ...args], { stdio: options.quiet ? 'ignore' : 'inherit' });
  return result.status ?? 1;
}
