import { PAYLOAD_DISCRIMINATOR, pascalCase, topics } from '@leadflow/schemas';
import { createRegistry } from '../registry/createRegistry';
import { isolatedRun, type IsolatedRun } from '../testing/isolatedRun';
import { contractSamples, type ContractSample } from './contractSamples.spec';
import { createCodecs, type AnyTopicCodec, type Codecs } from './createCodecs';
import { buildJavaAvro, runJavaAvro, type JavaAnswer, type JavaCase } from './javaAvro.spec';

/**
 * A record as a producer in another language holds it before writing: plain JSON, the payload
 * carrying its `eventType`, bytes as base64, absent optional fields left out.
 */
function foreignJson({ topic, record }: ContractSample): unknown {
  const withDiscriminator =
    topics[topic].kind === 'typed' ? { ...record, payload: { ...(record.payload as object), [PAYLOAD_DISCRIMINATOR]: record.type } } : record;
  return JSON.parse(JSON.stringify(withDiscriminator, (_key, value: unknown) => (isSerializedBuffer(value) ? Buffer.from(value.data).toString('base64') : value)));
}

const isSerializedBuffer = (value: unknown): value is { type: 'Buffer'; data: number[] } =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data);

/** Plain JSON as Java renders it, without the nulls of absent optional fields. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

/** On a fresh machine Maven first downloads Avro and its plugins (about 50 s here); later runs are offline. */
const MAVEN_FIRST_FETCH_MS = 300_000;

describe('topic contracts, written and read by a second Avro implementation (Apache Avro for Java)', () => {
  let run: IsolatedRun;
  let codecs: Codecs;
  const samples = contractSamples();
  const answers = new Map<string, JavaAnswer>();
  const nameOf = (s: ContractSample) => `${s.topic}/${s.type}`;

  beforeAll(async () => {
    // Prepare: our codecs register every topic's schema; Java writes each sample and reads ours.
    run = await isolatedRun('contract');
    const registry = createRegistry(run.registryUrl);
    codecs = await createCodecs(registry, run.registryUrl, run.namespace);
    const startedAt = Date.now();
    buildJavaAvro();
    const cases: JavaCase[] = await Promise.all(
      samples.map(async (sample) => {
        const { value: encoded } = await (codecs[sample.topic] as AnyTopicCodec).encodeChecked(sample.record);
        return { name: nameOf(sample), schemaId: encoded.readInt32BE(1), value: foreignJson(sample), encoded };
      }),
    );
    const demo = cases.find((c) => c.name === 'engagement/demo_requested') as JavaCase;
    const withoutDiscriminator = { ...(demo.value as object), payload: {} };
    cases.push({ ...demo, name: 'an empty payload without its eventType', value: withoutDiscriminator });
    for (const answer of runJavaAvro(run.registryUrl, cases)) answers.set(answer.name, answer);
    console.log(`Maven build and Java run of ${cases.length} cases took ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  }, MAVEN_FIRST_FETCH_MS);

  afterAll(async () => {
    await run.cleanUp();
  });

  it('covers every event type of every topic', () => {
    for (const topic of Object.values(topics)) {
      const types = topic.kind === 'typed' ? Object.keys(topic.payloads) : [topic.recordName];
      for (const type of types) expect(samples.some((s) => topic === topics[s.topic] && s.type === type)).toBe(true);
    }
  });

  describe.each(samples.map((s) => [nameOf(s), s] as const))('%s', (name, sample) => {
    it('Java writes it from plain JSON with the registry schema, choosing the union branch by shape, and our codec reads the same value', async () => {
      const answer = answers.get(name);
      expect(answer?.error).toBeUndefined();
      const decoded = await codecs[sample.topic].decode(Buffer.from(answer?.written ?? '', 'base64'));
      expect(decoded).toEqual({ ok: true, value: sample.record });
      const topic = topics[sample.topic];
      if (topic.kind === 'typed' && Object.keys(topic.payloads).length > 1) {
        expect(answer?.writtenBranches?.['.payload']).toMatch(new RegExp(`\\.${pascalCase(sample.type)}$`));
      }
    });

    it('our codec writes it and Java reads it strictly with the writer schema, to the same value and branches', () => {
      const answer = answers.get(name);
      expect(withoutNulls(answer?.decoded)).toEqual(foreignJson(sample));
      expect(answer?.decodedBranches).toEqual(answer?.writtenBranches);
    });
  });

  it('a payload without its eventType fits no branch, so a writer cannot send it to the wrong one', () => {
    expect(answers.get('an empty payload without its eventType')?.error).toMatch(/\.payload: fits no branch/);
  });
});
