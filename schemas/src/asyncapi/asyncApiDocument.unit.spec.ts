import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import avro from 'avsc';
import { topics } from '../topics';
import { asyncApiDocument } from './asyncApiDocument';
import { renderAsyncApi } from './renderAsyncApi';

type Json = Record<string, unknown>;

/** Follows a local `$ref` such as `#/components/messages/x`; undefined when it leads nowhere. */
function resolve(document: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Json)[part] : undefined), document);
}

function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Json).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refsIn(value)));
}

const entriesOf = (node: unknown): [string, Json][] => Object.entries((node ?? {}) as Record<string, Json>);

describe('AsyncAPI document of the topics', () => {
  const document = asyncApiDocument();

  it('is committed as generated (npm run schemas:generate)', () => {
    expect(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'asyncapi.json'), 'utf8')).toBe(renderAsyncApi());
  });

  it('has the fields AsyncAPI 3.0 requires, and every $ref leads somewhere', () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(document.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.any(String) }));
    for (const [, server] of entriesOf(document.servers)) expect(server).toEqual(expect.objectContaining({ host: expect.any(String), protocol: 'kafka' }));
    const unresolved = refsIn(document).filter((ref) => resolve(document, ref) === undefined);
    expect(unresolved).toEqual([]);
  });

  it('has one channel per topic, addressed by its name, and one message per event type', () => {
    const channels = document.channels as Record<string, { address: string; messages: Json }>;
    for (const [key, topic] of Object.entries(topics)) {
      expect(channels[key]?.address).toBe(topic.name);
      const types = topic.kind === 'typed' ? Object.keys(topic.payloads) : [topic.recordName];
      expect(Object.keys(channels[key]?.messages ?? {}).sort()).toEqual([...types].sort());
    }
  });

  it('has operations that send on a channel the messages of that channel', () => {
    for (const [, operation] of entriesOf(document.operations)) {
      expect(['send', 'receive']).toContain(operation.action);
      const channelRef = (operation.channel as { $ref: string }).$ref;
      expect(resolve(document, channelRef)).toBeDefined();
      for (const message of operation.messages as { $ref: string }[]) expect(message.$ref.startsWith(`${channelRef}/messages/`)).toBe(true);
    }
  });

  it('gives every message a payload schema the Avro parser takes, a key and the Confluent wire format', () => {
    for (const [, message] of entriesOf((document.components as Json).messages)) {
      const payload = resolve(document, (message.payload as { $ref: string }).$ref) as { schemaFormat: string; schema: unknown };
      expect(payload.schemaFormat).toMatch(/^application\/vnd\.apache\.avro\+json;version=1\.9\.0$/);
      expect(() => avro.Type.forSchema(payload.schema as never)).not.toThrow();
      const kafka = (message.bindings as { kafka: Json }).kafka;
      expect(kafka).toEqual(expect.objectContaining({ key: expect.any(Object), schemaIdLocation: 'payload', schemaIdPayloadEncoding: 'confluent', bindingVersion: '0.5.0' }));
    }
  });

  it('says which partitioner a producer must use', () => {
    for (const [, channel] of entriesOf(document.channels)) expect(channel['x-leadflow-partitioner']).toMatch(/partitioner=murmur2_random/);
  });
});
