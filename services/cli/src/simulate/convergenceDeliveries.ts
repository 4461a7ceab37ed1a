import type { ConvergenceJourney } from './convergenceJourneys';
import type { PostedEventBody } from './sampleJourneys';
import type { Random } from './seededRandom';

/** One request: events to `POST /v1/events`, or CRM outcomes to `POST /v1/outcomes`. */
export interface Delivery {
  endpoint: 'events' | 'outcomes';
  bodies: PostedEventBody[];
}

const timeOf = (body: PostedEventBody) => Date.parse(body.occurredAt);

/** Cuts one endpoint's bodies into requests of `sizeOf()` bodies each. */
function cut(endpoint: Delivery['endpoint'], bodies: readonly PostedEventBody[], sizeOf: () => number): Delivery[] {
  const deliveries: Delivery[] = [];
  for (let at = 0; at < bodies.length; ) {
    const size = sizeOf();
    deliveries.push({ endpoint, bodies: bodies.slice(at, at + size) });
    at += size;
  }
  return deliveries;
}

/** Everything in event time across all leads, one request per run of the same endpoint (at most `max` bodies). */
export function chronologicalDeliveries(journeys: readonly ConvergenceJourney[], max: number): Delivery[] {
  const all = journeys
    .flatMap((j) => [...j.events.map((body) => ({ endpoint: 'events' as const, body })), ...j.outcomes.map((body) => ({ endpoint: 'outcomes' as const, body }))])
    .sort((a, b) => timeOf(a.body) - timeOf(b.body) || (a.body.eventId < b.body.eventId ? -1 : 1));
  const deliveries: Delivery[] = [];
  for (const { endpoint, body } of all) {
    const last = deliveries.at(-1);
    if (last && last.endpoint === endpoint && last.bodies.length < max) last.bodies.push(body);
    else deliveries.push({ endpoint, bodies: [body] });
  }
  return deliveries;
}

/** Every body sent one to three times, shuffled across leads and time, in requests of 1..`max` bodies. */
export function disorderedDeliveries(journeys: readonly ConvergenceJourney[], max: number, random: Random): Delivery[] {
  const copies = (bodies: PostedEventBody[]) => random.shuffle(bodies.flatMap((b) => Array.from({ length: random.int(1, 3) }, () => b)));
  const sizeOf = () => random.int(1, max);
  return random.shuffle([
    ...cut('events', copies(journeys.flatMap((j) => j.events)), sizeOf),
    ...cut('outcomes', copies(journeys.flatMap((j) => j.outcomes)), sizeOf),
  ]);
}
