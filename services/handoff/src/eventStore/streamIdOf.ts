/** The event store stream of a lead. */
export const streamIdOf = (leadId: string): string => `lead-${leadId}`;
