import { nameBasedUuid } from './nameBasedUuid';

const clientIdUuid = nameBasedUuid('8f3b2c1e-6d4a-4b9e-a0c7-2e5f1d3b7a90');
const idempotencyUuid = nameBasedUuid('c41e7a2d-93b5-4f08-b6e1-7d2a9c5e3f14');

/**
 * The id an event is stored under when its sender gave one: derived from the source and the
 * sender's id, so ids are unique per source and no integration can suppress another's event by
 * reusing its id. The same sender id from the same source always maps to the same stored id.
 */
export const sourceScopedEventId = (source: string, clientEventId: string): string =>
  clientIdUuid(`${source}\n${clientEventId.toLowerCase()}`);

/** An `Idempotency-Key` is 1–255 visible ASCII characters, as most HTTP APIs take it. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Ids for the events of a request that carry none: derived from the source, the request's
 * `Idempotency-Key` and the event's index when the key is given, so a retried request stores the
 * same ids and is deduplicated downstream; random otherwise.
 */
export function idsForRequest(source: string, idempotencyKey: string | undefined): (index: number) => string {
  if (idempotencyKey === undefined) return () => crypto.randomUUID();
  return (index) => idempotencyUuid(`${source}\n${idempotencyKey}\n${index}`);
}
