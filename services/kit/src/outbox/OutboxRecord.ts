/** A record as it will be produced: topic, key, encoded value and headers, kept until it is published. */
export interface OutboxRecord {
  topic: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}
