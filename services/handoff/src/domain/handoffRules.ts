import { z } from 'zod';
import { describeIssues } from '@leadflow/schemas';
import { routingRulesSchema } from './routingRules';

const seconds = z.int().min(1);
const days = z.int().min(1).max(3650);

/** When a lead is handed from marketing to sales, to whom, how fast sales must act, and when it comes back (DESIGN §5). */
export const handoffRulesSchema = z
  .strictObject({
    mqlMinTotal: z.int().min(0).max(100),
    sqlMinTotal: z.int().min(0).max(100),
    minFit: z.number().min(0),
    bantRequiredForSql: z.int().min(0).max(4),
    /**
     * How long, in event time, a lead that qualifies for sales waits before it is handed off, so the
     * hand-off carries the scores of every event of that moment (topics arrive at different speeds).
     * 0 hands off at once.
     */
    sqlSettlingSeconds: z.int().min(0).max(86_400).default(0),
    sla: z.strictObject({
      deadlineSecondsByGrade: z.strictObject({ A: seconds, B: seconds, C: seconds, D: seconds, F: seconds }),
      /** The breach that recycles the lead; each earlier one escalates. */
      maxBreaches: z.int().min(1).max(100),
    }),
    recycling: z.strictObject({ noSalesActivityDays: days, decayedDays: days }),
    routing: routingRulesSchema,
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
