import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import avro from 'avsc';
import { PAYLOAD_DISCRIMINATOR, parsePostedEvent, renderAvroSchemas, topics } from './index';

describe('topic contracts', () => {
  it('keeps the committed .avsc files equal to what the zod contracts generate, and no others', () => {
    const dir = join(__dirname, '..', 'avro');
    for (const [file, text] of renderAvroSchemas()) {
      expect(readFileSync(join(dir, file), 'utf8')).toBe(text);
    }
    expect(readdirSync(dir).sort()).toEqual([...renderAvroSchemas().keys()].sort());
  });

  it.each(Object.values(topics).map((t) => [t.name, t] as const))('%s is a valid Avro schema', (_name, topic) => {
    expect(() => avro.Type.forSchema(topic.avro as never)).not.toThrow();
  });

  const typedTopics = Object.values(topics).flatMap((t) => (t.kind === 'typed' ? [[t.name, t] as const] : []));
  it.each(typedTopics)(
    '%s: every payload record carries its own one-symbol eventType, so no value fits two branches',
    (_name, topic) => {
      const payload = (topic.avro as { fields: { name: string; type: unknown }[] }).fields.find((f) => f.name === 'payload')?.type;
      const records = (Array.isArray(payload) ? payload : [payload]) as { name: string; fields: { name: string; type: { symbols?: string[] } }[] }[];
      const symbols = records.map((r) => r.fields[0]?.name === PAYLOAD_DISCRIMINATOR && r.fields[0].type.symbols);
      expect(symbols).toEqual(Object.keys(topic.payloads).map((type) => [type]));
    },
  );

  it('round-trips a typed event through Avro', () => {
    const type = avro.Type.forSchema(topics.engagement.avro as never);
    const record = {
      eventId: '7d1f3c1e-6f0a-4a53-9b52-6a4fcb3b1f10',
      occurredAt: 1_700_000_000_000,
      receivedAt: 1_700_000_000_500,
      source: 'web',
      leadId: null,
      anonymousId: 'anon-1',
      context: null,
      type: 'page_viewed',
      payload: { 'io.leadflow.engagement.PageViewed': { eventType: 'page_viewed', url: '/pricing', durationSec: 30 } },
    };
    expect(type.fromBuffer(type.toBuffer(record))).toEqual(record);
  });
});

describe('parsePostedEvent', () => {
  const now = Date.parse('2026-01-10T12:00:00Z');
  const valid = {
    type: 'page_viewed',
    occurredAt: '2026-01-10T11:59:00Z',
    anonymousId: 'visitor-1',
    payload: { url: '/pricing', durationSec: 40 },
  };

  it('accepts a valid event', () => {
    expect(parsePostedEvent(valid, now).success).toBe(true);
  });

  it('names the field of a payload that has the wrong type', () => {
    const result = parsePostedEvent({ ...valid, payload: { url: 42 } }, now);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['payload.url']);
  });

  it('refuses an unknown type, a missing subject and a time in the future', () => {
    const result = parsePostedEvent(
      { type: 'page_viewed', occurredAt: '2026-01-10T13:00:00Z', payload: { url: '/' } },
      now,
    );
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['leadId', 'occurredAt']);
    expect(parsePostedEvent({ ...valid, type: 'page_viewd' }, now).error?.issues[0]?.path).toEqual(['type']);
  });
});
