/** The clocks of a lead: the SLA deadline, the no-activity recycle and the decay recycle. */
export type LeadTimer = 'sla' | 'no_sales_activity' | 'decayed';

export type PendingTimer = { timer: LeadTimer; dueAt: number };
