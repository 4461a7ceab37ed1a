import type { Producer } from 'kafkajs';
import { CoalescingProducer } from './CoalescingProducer';

const connectionCut = new Error('Connection error: read ECONNRESET');

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

describe('CoalescingProducer', () => {
  const messages = [{ topic: 't', messages: [{ key: 'k', value: Buffer.from('v') }] }];

  it('replaces its producer after a failed send, whose records the broker may have written, and sends the next with the new one', async () => {
    const broken = producerFailingWith(connectionCut);
    const fresh = producerFailingWith(undefined);
    const coalescing = new CoalescingProducer(broken, 0, undefined, undefined, async () => fresh);

    await expect(coalescing.send(messages)).rejects.toBe(connectionCut);
    await coalescing.send(messages);

    expect(broken.disconnected).toBe(true);
    expect([broken.sends, fresh.sends]).toEqual([1, 1]);
  });

  it('sends nothing more through a producer in doubt: while no new one can be made, sends fail', async () => {
    const broken = producerFailingWith(connectionCut);
    const fresh = producerFailingWith(undefined);
    let brokerBack = false;
    const coalescing = new CoalescingProducer(broken, 0, undefined, undefined, async () => {
      if (!brokerBack) throw new Error('Connection error: connect ECONNREFUSED');
      return fresh;
    });

    await expect(coalescing.send(messages)).rejects.toBe(connectionCut);
    await expect(coalescing.send(messages)).rejects.toThrow('ECONNREFUSED');
    brokerBack = true;
    await coalescing.send(messages);

    expect([broken.sends, fresh.sends]).toEqual([1, 1]);
    expect(broken.disconnected).toBe(true);
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
