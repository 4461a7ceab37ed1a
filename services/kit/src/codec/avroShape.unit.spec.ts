import avro from 'avsc';
import { topics } from '@leadflow/schemas';
import { AvroShape } from './avroShape';
import { contractSamples } from './contractSamples.spec';

describe('AvroShape: what TypeScript holds, through Avro binary and back', () => {
  const samples = contractSamples();

  it.each(samples.map((s) => [`${s.topic}/${s.type}`, s] as const))('%s round-trips unchanged', (_name, { topic, record }) => {
    const shape = new AvroShape(topics[topic]);
    const type = avro.Type.forSchema(topics[topic].avro as never);
    const decoded = type.fromBuffer(type.toBuffer(shape.toAvro(record)));
    expect(shape.fromAvro(decoded)).toEqual({ ok: true, value: record });
  });

  it('writes the payload as the branch its type names, with the type repeated in it', () => {
    const sample = samples.find((s) => s.topic === 'outcome' && s.type === 'deal_won');
    const avroValue = new AvroShape(topics.outcome).toAvro(sample?.record ?? {}) as { payload: Record<string, { eventType: string }> };
    expect(Object.keys(avroValue.payload)).toEqual(['io.leadflow.outcome.DealWon']);
    expect(avroValue.payload['io.leadflow.outcome.DealWon']?.eventType).toBe('deal_won');
  });

  it('refuses a record whose payload is another type than its type says', () => {
    const shape = new AvroShape(topics.outcome);
    const decoded = { eventId: 'e', type: 'deal_won', payload: { 'io.leadflow.outcome.DealLost': { eventType: 'deal_lost', reason: 'price' } } };
    expect(shape.fromAvro(decoded)).toEqual({ ok: false, reason: 'type is deal_won but the payload is a deal_lost' });
  });
});
