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
    private readonly producer: Producer,
    private readonly lingerMs: number,
    private readonly maxMessagesPerSend = 10_000,
    /** Below the broker's default `message.max.bytes` (1 MiB), which bounds one partition's batch. */
    private readonly maxBytesPerSend = 768 * 1024,
  ) {}

  send(topicMessages: TopicMessages[]): Promise<void> {
    const count = topicMessages.reduce((sum, t) => sum + t.messages.length, 0);
    const bytes = topicMessages.reduce((sum, t) => sum + t.messages.reduce((b, m) => b + sizeOf(m), 0), 0);
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ topicMessages, count, bytes, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.sending) return;
    this.scheduled = true;
    setTimeout(() => void this.flush(), this.lingerMs);
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
    } finally {
      this.sending = false;
      if (this.waiting.length > 0) this.schedule();
    }
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
