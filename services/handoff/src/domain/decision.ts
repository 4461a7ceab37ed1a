import type { LeadEvent } from './leadEvent';

/**
 * What a command caused. A refused command (a CRM outcome for a lead sales never had) leaves its
 * reason for the dead-letter topic; the events of timers due before it are kept all the same.
 */
export type Decision = { events: LeadEvent[]; refusal?: string };
