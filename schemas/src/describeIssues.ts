import type { z } from 'zod';

/**
 * Turns validation issues into one line each, naming the field by its path, so a person fixing a
 * config or data file sees every problem and where it is (an unknown key is named as such).
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${at ? `${at}.` : ''}${key}: unknown key`);
    return [`${at || '(root)'}: ${issue.message}`];
  });
}
