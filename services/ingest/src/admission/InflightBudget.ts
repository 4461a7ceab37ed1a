/** A reservation against the in-flight budget; releasing it twice releases it once. */
export interface Reservation {
  release(): void;
}

/**
 * Bytes and events held by ingest at once: request bodies being read or validated, and records
 * sent to Kafka and not yet acknowledged. A request that would exceed either is turned away
 * before its body is read, which is what bounds memory when Kafka is slow or away.
 */
export class InflightBudget {
  bytes = 0;
  events = 0;

  constructor(
    readonly maxBytes: number,
    readonly maxEvents: number,
  ) {}

  reserve(bytes: number, events: number): Reservation | undefined {
    if (this.bytes + bytes > this.maxBytes || this.events + events > this.maxEvents) return undefined;
    this.bytes += bytes;
    this.events += events;
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        this.bytes -= bytes;
        this.events -= events;
      },
    };
  }
}
