import type { PoolClient } from 'pg';
import type { OutcomeEvent } from '@leadflow/schemas';
import { insertCampaignCosts } from '../db/insertCampaignCosts';
import { insertSalesActivity } from '../db/insertSalesActivity';
import { campaignCostsOf, salesActivityOf } from '../domain';

/**
 * CRM outcomes: contacts and campaign spend. Stage changes are taken from the lifecycle topic, where
 * hand-off records only the outcomes a lead's stage allowed.
 */
export async function projectOutcomes(tx: PoolClient, outcomes: OutcomeEvent[]): Promise<void> {
  await insertSalesActivity(tx, salesActivityOf(outcomes));
  await insertCampaignCosts(tx, campaignCostsOf(outcomes));
}
