import type { Grade } from '@leadflow/schemas';
import type { HandoffRules } from './handoffRules';

/** When sales must have acted on a lead of this grade whose clock starts at `from`. */
export const slaDeadlineFor = (grade: Grade, from: number, rules: HandoffRules): number =>
  from + rules.sla.deadlineSecondsByGrade[grade] * 1000;
