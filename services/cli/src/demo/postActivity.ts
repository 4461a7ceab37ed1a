import type { PostedEventBody } from '../simulate/sampleJourneys';
import { postEvents } from '../simulate/postEvents';

/** Posts events in event-time order, in requests of at most `perRequest`; fails on any refusal. */
export async function postActivity(ingestUrl: string, apiKey: string, events: PostedEventBody[], perRequest = 500): Promise<number> {
  const ordered = [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  for (let i = 0; i < ordered.length; i += perRequest) {
    const result = await postEvents(ingestUrl, apiKey, ordered.slice(i, i + perRequest));
    if (result.status !== 202) throw new Error(`ingest answered ${result.status}: ${JSON.stringify(result.body).slice(0, 500)}`);
  }
  return ordered.length;
}
