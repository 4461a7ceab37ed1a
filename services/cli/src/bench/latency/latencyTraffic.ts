import type { ActivityEvent } from '@leadflow/schemas';
import type { PostedEventBody } from '../../simulate/sampleJourneys';
import { generateBenchEvents } from '../generateBenchEvents';

/** One event to post live: its body without a time yet, and the lead it will be scored for (if it names one). */
export interface LiveEvent {
  body: Omit<PostedEventBody, 'occurredAt'>;
  leadId?: string;
}

/** An activity record as a client posts it: the envelope fields ingest sets itself left out. */
function postedBodyOf(record: ActivityEvent): LiveEvent['body'] {
  const { receivedAt: _receivedAt, source: _source, occurredAt: _occurredAt, ...body } = record as ActivityEvent & { receivedAt?: number; source?: string };
  return body as LiveEvent['body'];
}

/**
 * `events` events of `leads` leads as the benchmark's live traffic: the persona mix of
 * `bench:scoring` (a quarter of the leads browse anonymously first and identify later), leads
 * interleaved as on a real site. Each event gets its time when it is sent.
 */
export function latencyTraffic(options: { events: number; leads: number; runId: string }): LiveEvent[] {
  return generateBenchEvents(options, Date.now()).map(({ record, posted }) => ({
    body: postedBodyOf(posted),
    leadId: 'leadId' in record && record.type !== 'lead_identified' && !('anonymousId' in record && record.anonymousId) ? record.leadId : undefined,
  }));
}

/** Splits the events due in one tick into requests of at most `perRequest` events. */
export function requestsOf<T>(due: readonly T[], perRequest: number): T[][] {
  const requests: T[][] = [];
  for (let i = 0; i < due.length; i += perRequest) requests.push(due.slice(i, i + perRequest));
  return requests;
}
