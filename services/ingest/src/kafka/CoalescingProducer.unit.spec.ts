import type { Producer } from 'kafkajs';
import { CoalescingProducer, needsNewProducer } from './CoalescingProducer';

const outOfOrder = Object.assign(new Error('The broker received an out of order sequence number'), { type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });

/** A producer that fails every send with `error`, or succeeds when none; counts sends and disconnects. */
function producerFailingWith(error: unknown): Producer & { sends: number; disconnected: boolean } {
  const producer = {
    sends: 0,
    disconnected: false,
    sendBatch: async () => {
      producer.sends += 1;
      if (error) throw error;
      return [];
    },
    disconnect: async () => {
      producer.disconnected = true;
    },
  };
  return producer as unknown as Producer & { sends: number; disconnected: boolean };
}

describe('needsNewProducer', () => {
  it('finds a sequence or producer-id refusal however deeply kafkajs wrapped it', () => {
    expect(needsNewProducer(outOfOrder)).toBe(true);
    expect(needsNewProducer({ name: 'KafkaJSNumberOfRetriesExceeded', originalError: outOfOrder })).toBe(true);
    expect(needsNewProducer({ name: 'KafkaJSAggregateError', errors: [new Error('other'), { type: 'UNKNOWN_PRODUCER_ID' }] })).toBe(true);
    expect(needsNewProducer({ type: 'NOT_LEADER_FOR_PARTITION' })).toBe(false);
    expect(needsNewProducer(new Error('Connection error'))).toBe(false);
    expect(needsNewProducer(undefined)).toBe(false);
  });
});

describe('CoalescingProducer', () => {
  const messages = [{ topic: 't', messages: [{ key: 'k', value: Buffer.from('v') }] }];

  it('replaces a producer the broker refuses for good, and sends with the new one', async () => {
    const broken = producerFailingWith(outOfOrder);
    const fresh = producerFailingWith(undefined);
    const coalescing = new CoalescingProducer(broken, 0, undefined, undefined, async () => fresh);

    await expect(coalescing.send(messages)).rejects.toBe(outOfOrder);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await coalescing.send(messages);

    expect(broken.disconnected).toBe(true);
    expect([broken.sends, fresh.sends]).toEqual([1, 1]);
  });

  it('keeps its producer through a failure that a retry can outlive', async () => {
    const flaky = producerFailingWith(new Error('Connection error: connect ECONNREFUSED'));
    let renewed = 0;
    const coalescing = new CoalescingProducer(flaky, 0, undefined, undefined, async () => {
      renewed += 1;
      return producerFailingWith(undefined);
    });

    await expect(coalescing.send(messages)).rejects.toThrow('ECONNREFUSED');

    expect(renewed).toBe(0);
    expect(flaky.disconnected).toBe(false);
  });

  it('lingers only when idle: records that waited through a send go out as soon as it is done', async () => {
    const sentAt: number[] = [];
    const sizes: number[] = [];
    let release: () => void = () => undefined;
    const slow = {
      sendBatch: async ({ topicMessages }: { topicMessages: { messages: unknown[] }[] }) => {
        sentAt.push(performance.now());
        sizes.push(topicMessages[0]?.messages.length ?? 0);
        if (sizes.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return [];
      },
      disconnect: async () => undefined,
    } as unknown as Producer;
    const lingerMs = 400;
    const coalescing = new CoalescingProducer(slow, lingerMs);

    const queuedAt = performance.now();
    const first = coalescing.send(messages);
    while (sizes.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = coalescing.send(messages);
    const third = coalescing.send(messages);
    const releasedAt = performance.now();
    release();
    await Promise.all([first, second, third]);

    expect(sizes).toEqual([1, 2]);
    expect((sentAt[0] as number) - queuedAt).toBeGreaterThanOrEqual(lingerMs - 5);
    expect((sentAt[1] as number) - releasedAt).toBeLessThan(lingerMs / 2);
  });
});
