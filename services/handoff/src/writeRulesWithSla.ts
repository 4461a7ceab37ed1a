import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes a copy of the default hand-off rules with every grade's SLA `seconds` long and a settling
 * window of `settlingSeconds` (2 s by default, so a hand-off waits for scores of the same moment
 * still on their way) and returns its path: for tests and demos that watch deadlines pass.
 */
export function writeRulesWithSla(seconds: number, settlingSeconds = 2): string {
  const rules = JSON.parse(readFileSync(join(__dirname, '..', 'config', 'handoff-rules.json'), 'utf8'));
  rules.sqlSettlingSeconds = settlingSeconds;
  for (const grade of Object.keys(rules.sla.deadlineSecondsByGrade)) rules.sla.deadlineSecondsByGrade[grade] = seconds;
  const file = join(mkdtempSync(join(tmpdir(), 'leadflow-')), 'handoff-rules.json');
  writeFileSync(file, JSON.stringify(rules));
  return file;
}
