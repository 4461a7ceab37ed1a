import type { LeadActivityEvent } from '@leadflow/schemas';
import { DAY_MS } from './decay';
import type { ScoringModel } from './scoringModel';

/** Why an event is too old to score (beyond the model's horizon), or undefined when it may be folded. */
export function checkEventAge(event: LeadActivityEvent, model: ScoringModel, nowMs: number): string | undefined {
  const ageDays = (nowMs - event.occurredAt) / DAY_MS;
  if (ageDays <= model.maxEventAgeDays) return undefined;
  return `event occurred ${Math.floor(ageDays)} days ago, beyond the ${model.maxEventAgeDays}-day horizon of model ${model.version}`;
}
