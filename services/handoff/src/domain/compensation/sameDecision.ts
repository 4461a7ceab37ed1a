import type { LeadEvent } from '../leadEvent';

/** JSON with sorted keys and without undefined fields: equal values give equal text, however stored. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Whether two events record the same decision: the same type, time and payload, whatever their ids. */
export const sameDecision = (a: LeadEvent, b: LeadEvent): boolean =>
  a.type === b.type && a.occurredAt === b.occurredAt && canonical(a.payload) === canonical(b.payload);
