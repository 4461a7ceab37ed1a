import { serviceOutbox, type Outbox } from '@leadflow/kit';

/** The service name hand-off runs under: its migrations' owner and its outbox relay. */
export const HANDOFF_SERVICE = 'handoff';

/** Hand-off's outbox: what is written here is published by hand-off's relay, in commit order. */
export const handoffOutbox = (namespace: string): Outbox => serviceOutbox(namespace, HANDOFF_SERVICE);
