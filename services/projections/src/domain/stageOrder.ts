import type { Stage } from '@leadflow/schemas';

/**
 * Stages in the order a lead moves through them. One decision can stamp several stage changes with
 * the same instant (MQL and SQL together); the stage later in this order is where the lead ends up.
 */
export const stageOrder: readonly Stage[] = ['lead', 'recycled', 'mql', 'sql', 'accepted', 'opportunity', 'lost', 'won', 'disqualified'];

/** Whether a stage change at `at` to `stage` supersedes the one recorded at `currentAt` to `current`. */
export function supersedesStage(at: number, stage: Stage, currentAt: number | null, current: Stage | null): boolean {
  if (currentAt === null || current === null) return true;
  if (at !== currentAt) return at > currentAt;
  return stageOrder.indexOf(stage) >= stageOrder.indexOf(current);
}
