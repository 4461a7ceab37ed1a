import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const script = join(__dirname, '..', '..', '..', '..', 'infra', 'stack.sh');

/**
 * Stops one part of the local stack, or starts what is missing, for fault-injection tests. The
 * script reads the ports and folders of this environment (LEADFLOW_*), so a test acts on the stack
 * it runs against.
 */
export function stackControl(action: 'stop kafka' | 'stop registry' | 'up'): void {
  execFileSync('bash', [script, ...action.split(' ')], { stdio: ['ignore', 'ignore', 'inherit'], env: process.env });
}
