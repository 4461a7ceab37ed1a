import type { LeadScored, LifecycleEvent } from '@leadflow/schemas';
import type { HandoffRules } from './handoffRules';

export type SqlRoute = Extract<LifecycleEvent, { type: 'lead_qualified_sql' }>['payload']['route'];

/** How far new scores take a lead on their own: not at all, to MQL, or to SQL by one of two routes. */
export type Qualification = { level: 'none' } | { level: 'mql' } | { level: 'sql'; route: SqlRoute };

const isEligible = (s: LeadScored, rules: HandoffRules): boolean =>
  s.signals.disqualifiedBy === undefined && s.signals.contactConsent !== 'withdrawn' && s.fit >= rules.minFit;

function sqlRouteOf(s: LeadScored, rules: HandoffRules): SqlRoute | undefined {
  if (s.total >= rules.sqlMinTotal && s.signals.bantEstablished.length >= rules.bantRequiredForSql)
    return 'score_and_bant';
  return s.signals.demoRequested || s.signals.contactRequested ? 'self_qualified' : undefined;
}

export function qualification(s: LeadScored, rules: HandoffRules): Qualification {
  if (!isEligible(s, rules)) return { level: 'none' };
  const route = sqlRouteOf(s, rules);
  if (route) return { level: 'sql', route };
  return s.total >= rules.mqlMinTotal ? { level: 'mql' } : { level: 'none' };
}
