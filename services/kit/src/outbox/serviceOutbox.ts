import { Outbox } from './Outbox';

/**
 * The outbox a consumer service's relay publishes: one relay per service and topic namespace. A
 * writer outside the service (e.g. an erasure) that must publish in the service's order writes here.
 */
export const serviceOutbox = (namespace: string, service: string): Outbox => new Outbox(`${namespace}${service}`);
