import { z } from 'zod';
import { describeIssues } from '@leadflow/schemas';

/** When a lead is handed from marketing to sales (DESIGN §5). */
export const handoffRulesSchema = z
  .strictObject({
    mqlMinTotal: z.int().min(0).max(100),
    sqlMinTotal: z.int().min(0).max(100),
    minFit: z.number().min(0),
    bantRequiredForSql: z.int().min(0).max(4),
  })
  .refine((r) => r.sqlMinTotal >= r.mqlMinTotal, {
    path: ['sqlMinTotal'],
    message: 'expected sqlMinTotal to be at least mqlMinTotal',
  });

export type HandoffRules = z.infer<typeof handoffRulesSchema>;

export type ParsedHandoffRules = { ok: true; rules: HandoffRules } | { ok: false; errors: string[] };

export function parseHandoffRules(input: unknown): ParsedHandoffRules {
  const parsed = handoffRulesSchema.safeParse(input);
  return parsed.success
    ? { ok: true, rules: parsed.data }
    : { ok: false, errors: describeIssues(parsed.error.issues) };
}
