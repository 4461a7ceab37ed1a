import type { Message, Producer } from 'kafkajs';

export interface TopicMessages {
  topic: string;
  messages: Message[];
}

interface Waiting {
  topicMessages: TopicMessages[];
  count: number;
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces the records of concurrent requests into shared Kafka sends: requests arriving within
 * the linger, or while a send is in flight, go out together in the next one. Each request's
 * promise settles with the send that carried its records, so it is answered only after its own
 * events were acknowledged. Order within a request is kept.
 */
export class CoalescingProducer {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private sending = false;

  constructor(
    private producer: Producer,
    private readonly lingerMs: number,
    private readonly maxMessagesPerSend = 10_000,
    /** Below the broker's default `message.max.bytes` (1 MiB), which bounds one partition's batch. */
    private readonly maxBytesPerSend = 768 * 1024,
    /**
     * A new producer (a new producer id) for one whose idempotence state the broker no longer
     * accepts: after a broker restart it may answer every send with an out-of-order sequence.
     */
    private readonly renew?: () => Promise<Producer>,
  ) {}

  send(topicMessages: TopicMessages[]): Promise<void> {
    const count = topicMessages.reduce((sum, t) => sum + t.messages.length, 0);
    const bytes = topicMessages.reduce((sum, t) => sum + t.messages.reduce((b, m) => b + sizeOf(m), 0), 0);
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ topicMessages, count, bytes, resolve, reject });
      this.schedule();
    });
  }

  /**
   * The linger applies to records arriving while nothing is being sent; records that waited
   * through a send already lingered, so they go out as soon as it is done.
   */
  private schedule(lingered = false): void {
    if (this.scheduled || this.sending) return;
    this.scheduled = true;
    if (lingered) setImmediate(() => void this.flush());
    else setTimeout(() => void this.flush(), this.lingerMs);
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.takeBatch();
    if (batch.length === 0) return;
    this.sending = true;
    try {
      await this.producer.sendBatch({ acks: -1, topicMessages: merge(batch) });
      for (const request of batch) request.resolve();
    } catch (error) {
      for (const request of batch) request.reject(error);
      if (this.renew && needsNewProducer(error)) await this.replaceProducer(this.renew);
    } finally {
      this.sending = false;
      if (this.waiting.length > 0) this.schedule(true);
    }
  }

  /** Disconnects the producer in use (the one a renewal made, if any). */
  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  private async replaceProducer(renew: () => Promise<Producer>): Promise<void> {
    const old = this.producer;
    try {
      this.producer = await renew();
    } catch {
      return; // the next failed send tries again
    }
    await old.disconnect().catch(() => undefined);
  }

  private takeBatch(): Waiting[] {
    let taken = 0;
    let count = 0;
    let bytes = 0;
    const fits = (next: Waiting) => count + next.count <= this.maxMessagesPerSend && bytes + next.bytes <= this.maxBytesPerSend;
    while (taken < this.waiting.length && (taken === 0 || fits(this.waiting[taken] as Waiting))) {
      const next = this.waiting[taken] as Waiting;
      count += next.count;
      bytes += next.bytes;
      taken += 1;
    }
    return this.waiting.splice(0, taken);
  }
}

function merge(batch: Waiting[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const request of batch) {
    for (const { topic, messages } of request.topicMessages) {
      const into = byTopic.get(topic) ?? [];
      into.push(...messages);
      byTopic.set(topic, into);
    }
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

const sizeOf = (message: Message): number =>
  (Buffer.isBuffer(message.value) ? message.value.length : String(message.value ?? '').length) + String(message.key ?? '').length + 64;

/** Broker answers after which an idempotent producer's sequence or id will never be accepted again. */
const FATAL_FOR_PRODUCER = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID', 'INVALID_PRODUCER_EPOCH', 'INVALID_PRODUCER_ID_MAPPING']);

/** Whether `error` (or one it wraps: kafkajs nests retries and per-broker failures) is one of them. */
export function needsNewProducer(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const e = error as { type?: unknown; originalError?: unknown; errors?: unknown };
  if (typeof e.type === 'string' && FATAL_FOR_PRODUCER.has(e.type)) return true;
  if (needsNewProducer(e.originalError, depth + 1)) return true;
  return Array.isArray(e.errors) && e.errors.some((inner) => needsNewProducer(inner, depth + 1));
}
