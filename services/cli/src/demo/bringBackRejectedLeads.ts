import type { DemoLead } from '../simulate/demoLeadJourney';
import { comeback } from '../simulate/salesFollowUp';
import { postActivity } from './postActivity';
import type { LeadCurrentRow } from './readLeadCurrent';

/** Leads sales rejected whose scenario has them come back ask for a demo again; returns how many did. */
export async function bringBackRejectedLeads(ingestUrl: string, apiKey: string, leads: DemoLead[], rows: LeadCurrentRow[], now: number): Promise<number> {
  const recycled = new Set(rows.filter((r) => r.stage === 'recycled').map((r) => r.lead_id));
  const returning = leads.filter((l) => l.scenario === 'rejected_returns' && recycled.has(l.leadId));
  if (returning.length > 0) await postActivity(ingestUrl, apiKey, returning.flatMap((l) => comeback(l, now)));
  return returning.length;
}
