import type { PipelineStatus } from './readPipelineStatus';

/** What makes the pipeline unhealthy: each problem in a line an operator can act on. */
export function judgeStatus(status: PipelineStatus, limits: { maxLag: number }): string[] {
  const problems: string[] = [];
  for (const group of status.groups) {
    for (const p of group.partitions) {
      const where = `${group.groupId} ${p.topic}/${p.partition}`;
      if (p.gap > 0n) problems.push(`${where}: ${p.gap} records were deleted from the log before they were applied`);
      if (p.lag > BigInt(limits.maxLag)) problems.push(`${where}: ${p.lag} records behind (more than ${limits.maxLag})`);
    }
  }
  if (status.overdueTimers) problems.push(`${status.overdueTimers} hand-off timers are more than a minute overdue`);
  return problems;
}
