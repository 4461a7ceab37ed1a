import { randomUUID } from 'node:crypto';
import { topics } from '@leadflow/schemas';
import { campaignContexts, journeyOf } from './journeyOf';
import { eventTimeOf, type ProjectionRecord } from './ProjectionRecord';

const DAY_MS = 86_400_000;

export interface HistoryOptions {
  leads: number;
  /** Makes lead ids unique to one run. */
  runId: string;
  /** The history ends before this moment. */
  now: number;
  /** Days over which the leads arrive (default 14); journeys run up to a week beyond. */
  days?: number;
}

/**
 * A realistic history of the projections' input, in event-time order: leads arriving over some
 * days through campaigns, organic search and direct traffic, taking the journeys of `journeyOf`
 * (won, lost, breached and recycled, rejected and requalified, decayed, identified visitor, cold,
 * opted out), plus each campaign's daily spend. Every record is checked against its topic's
 * contract, so a broken generator fails before anything is produced.
 */
export function projectionHistory(options: HistoryOptions): ProjectionRecord[] {
  const days = options.days ?? 14;
  const first = options.now - (days + 8) * DAY_MS;
  const records: ProjectionRecord[] = [];
  for (let lead = 0; lead < options.leads; lead += 1) {
    records.push(...journeyOf(lead, options.runId, first + Math.floor((lead * days * DAY_MS) / options.leads)));
  }
  records.push(...campaignSpend(first, days));
  for (const { topicKey, record } of records) {
    const checked = topics[topicKey].schema.safeParse(record);
    if (!checked.success) throw new TypeError(`generated ${'type' in record ? record.type : topicKey} violates ${topics[topicKey].name}: ${checked.error.message}`);
  }
  return records.map((r, i) => ({ r, i, at: eventTimeOf(r) })).sort((a, b) => a.at - b.at || a.i - b.i).map(({ r }) => r);
}

/** What each campaign cost per day, recorded the next morning. */
function campaignSpend(first: number, days: number): ProjectionRecord[] {
  const campaigns = campaignContexts.flatMap((c) => (c?.campaignId ? [c.campaignId] : []));
  return Array.from({ length: days }, (_, day) => day).flatMap((day) =>
    campaigns.map((campaignId, i): ProjectionRecord => {
      const from = first + day * DAY_MS;
      const occurredAt = from + DAY_MS + 8 * 3_600_000;
      const payload = { campaignId, amount: 400 + ((day * 37 + i * 113) % 500), currency: 'EUR', from, to: from + DAY_MS };
      return { topicKey: 'outcome', record: { eventId: randomUUID(), occurredAt, receivedAt: occurredAt + 1_000, source: 'ads', type: 'campaign_cost_recorded', payload } };
    }),
  );
}
