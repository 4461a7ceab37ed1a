import type { Message } from 'kafkajs';
import { chunksOf } from './publishRecords';

const message = (bytes: number): Message => ({ value: Buffer.alloc(bytes) });

describe('chunksOf', () => {
  it('keeps every message, in order, in requests under the byte limit', () => {
    const messages = [300, 300, 300, 100, 900, 50].map(message);

    const chunks = chunksOf(messages, 700);

    expect(chunks.map((c) => c.map((m) => (m.value as Buffer).length))).toEqual([[300, 300], [300, 100], [900], [50]]);
    expect(chunks.flat()).toEqual(messages);
  });
});
