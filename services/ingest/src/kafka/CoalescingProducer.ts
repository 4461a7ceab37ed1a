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
 *
 * After a failed send the producer is replaced (a new producer id) before anything else is sent
 * through it. kafkajs hands a failed batch's sequence numbers to the next batch of the partition,
 * but the broker may have written the failed one (a connection cut after the request went out, a
 * broker killed before it answered): a next batch of as many records would then be taken for a
 * duplicate and acknowledged without being written — accepted, and lost. With a new producer id
 * sequences start afresh. While no new producer can be made, sends fail (ingest answers 503).
 */
export class CoalescingProducer {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private sending = false;
  /** The last send failed: what the broker wrote of it is unknown, so this producer sends no more. */
  private inDoubt = false;

  constructor(
    private producer: Producer,
    private readonly lingerMs: number,
    private readonly maxMessagesPerSend = 10_000,
    /** Below the broker's default `message.max.bytes` (1 MiB), which bounds one partition's batch. */
    private readonly maxBytesPerSend = 768 * 1024,
    /** A new producer (a new producer id), for after a failed send; without it the producer is kept. */
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
      if (this.inDoubt && this.renew) await this.replaceProducer(this.renew);
      await this.producer.sendBatch({ acks: -1, topicMessages: merge(batch) });
      for (const request of batch) request.resolve();
    } catch (error) {
      for (const request of batch) request.reject(error);
      if (this.renew) {
        this.inDoubt = true;
        // at once, so that the next requests need not wait for it; failing, the next send tries again
        await this.replaceProducer(this.renew).catch(() => undefined);
      }
    } finally {
      this.sending = false;
      if (this.waiting.length > 0) this.schedule(true);
    }
  }

  /** Disconnects the producer in use (the one a renewal made, if any). */
  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  /** Swaps in a new producer, or throws (the old one stays in doubt). */
  private async replaceProducer(renew: () => Promise<Producer>): Promise<void> {
    const old = this.producer;
    this.producer = await renew();
    this.inDoubt = false;
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
