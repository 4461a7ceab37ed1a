/** An event as the store keeps it: its stream, its position in the stream, and its data. */
export interface StoredEvent<E> {
  streamId: string;
  streamVersion: number;
  event: E;
}

/** Events to append to one stream, valid only if the stream is still at `expectedVersion`. */
export interface StreamAppend<E extends { eventId: string; type: string; occurredAt: number }> {
  streamId: string;
  /** The version the decision was made at; 0 for a stream that does not exist yet. */
  expectedVersion: number;
  events: E[];
}
