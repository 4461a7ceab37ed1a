import { followedUpScenarios, type DemoLead } from '../simulate/demoLeadJourney';
import { postOutcomes } from '../simulate/postOutcomes';
import { salesFollowUp } from '../simulate/salesFollowUp';
import { seededRandom } from '../simulate/seededRandom';
import type { LeadCurrentRow } from './readLeadCurrent';

/** A CRM integration's webhook source and secret. */
export interface WebhookSource {
  source: string;
  secret: string;
}

/**
 * Sales works the generated leads handed to it minutes ago, as their scenarios have it, and the
 * CRM reports it through the signed webhook. Leads the scores did not take to SQL are left alone.
 */
export async function followUpHandedOffLeads(
  ingestUrl: string,
  crm: WebhookSource,
  leads: DemoLead[],
  rows: LeadCurrentRow[],
  now: number,
): Promise<{ leads: number; outcomes: number; status: number | undefined }> {
  const random = seededRandom(7);
  const byId = new Map(rows.map((r) => [r.lead_id, r]));
  const outcomes = leads.flatMap((lead) => {
    const row = byId.get(lead.leadId);
    if (!followedUpScenarios.includes(lead.scenario) || row?.stage !== 'sql' || !row.sql_at || !row.owner) return [];
    return [salesFollowUp({ lead, sqlAt: row.sql_at.getTime(), owner: row.owner }, now, random)];
  });
  const events = outcomes.flat();
  if (events.length === 0) return { leads: 0, outcomes: 0, status: undefined };
  const result = await postOutcomes(ingestUrl, crm.source, crm.secret, events);
  if (result.status !== 202) throw new Error(`the outcome webhook answered ${result.status}: ${JSON.stringify(result.body).slice(0, 500)}`);
  return { leads: outcomes.length, outcomes: events.length, status: result.status };
}
