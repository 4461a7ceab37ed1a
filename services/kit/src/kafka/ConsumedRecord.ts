/** A decoded, validated record together with everything needed to dead-letter it whole. */
export interface ConsumedRecord<T> {
  value: T;
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  raw: Buffer | null;
  headers: Record<string, string>;
}

/** A record the handler could not apply, with the reason. */
export interface RefusedRecord {
  record: Pick<ConsumedRecord<unknown>, 'topic' | 'partition' | 'offset' | 'key' | 'raw' | 'headers'>;
  error: Error;
}
