import type { SlaEvent } from '@leadflow/schemas';

/** One row of `sla_facts`. */
export interface SlaFact {
  eventId: string;
  leadId: string;
  owner: string;
  /** Null when the clock's start is not in this batch; the store looks it up. */
  team: string | null;
  type: SlaEvent['type'];
  occurredAt: number;
  deadline: number | null;
  attempt: number | null;
  elapsedMs: number | null;
  metBy: string | null;
}

interface Clocks {
  /** Team of each attempt started, and of the latest one. */
  byAttempt: Map<number, string>;
  latest: string | undefined;
}

const blank = { deadline: null, attempt: null, elapsedMs: null, metBy: null };

type ClockEvent = Exclude<SlaEvent, { type: 'sla_retracted' }>;

function factOf(event: ClockEvent, clocks: Clocks): SlaFact {
  const { eventId, leadId, occurredAt, type } = event;
  const base = { eventId, leadId, occurredAt, type, owner: event.payload.owner };
  switch (event.type) {
    case 'sla_started': {
      const { team, deadline, attempt } = event.payload;
      clocks.byAttempt.set(attempt, team);
      clocks.latest = team;
      return { ...base, ...blank, team, deadline, attempt };
    }
    case 'sla_met':
      return { ...base, ...blank, team: clocks.latest ?? null, elapsedMs: event.payload.elapsedMs, metBy: event.payload.metBy };
    case 'sla_breached': {
      const { deadline, attempt } = event.payload;
      return { ...base, ...blank, team: clocks.byAttempt.get(attempt) ?? null, deadline, attempt };
    }
    case 'sla_cancelled':
      return { ...base, ...blank, team: clocks.latest ?? null };
    default: {
      const unhandled: never = event;
      throw new TypeError(`unhandled SLA event ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * SLA events as facts. Only a clock's start names the team; a meeting, breach or cancellation takes
 * the team of the clock it ends, from the same batch when the start is in it (a lead's SLA events
 * share a partition, so a start is never applied after what ends it).
 */
export function slaFactsOf(events: readonly SlaEvent[]): SlaFact[] {
  const clocks = new Map<string, Clocks>();
  // A retraction records no clock of its own (what it undoes stays as it happened, in lead_transitions' terms).
  const clockEvents = events.filter((e): e is ClockEvent => e.type !== 'sla_retracted');
  const inTimeOrder = [...clockEvents].sort((a, b) => a.occurredAt - b.occurredAt);
  return inTimeOrder.map((event) => {
    const lead = clocks.get(event.leadId) ?? { byAttempt: new Map(), latest: undefined };
    clocks.set(event.leadId, lead);
    return factOf(event, lead);
  });
}
