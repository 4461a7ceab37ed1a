import type { Grade } from '@leadflow/schemas';
import type { ScoringModel } from './scoringModel';

export function gradeFor(total: number, model: ScoringModel): Grade {
  const { A, B, C, D } = model.grades;
  if (total >= A) return 'A';
  if (total >= B) return 'B';
  if (total >= C) return 'C';
  if (total >= D) return 'D';
  return 'F';
}
