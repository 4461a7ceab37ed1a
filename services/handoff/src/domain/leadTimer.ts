/**
 * The clocks of a lead: the end of the settling window before a hand-off, the SLA deadline, the
 * no-activity recycle and the decay recycle.
 */
export type LeadTimer = 'sql_settled' | 'sla' | 'no_sales_activity' | 'decayed';

export type PendingTimer = { timer: LeadTimer; dueAt: number };
