import { randomUUID } from 'node:crypto';
import type { LeadActivityEvent } from '@leadflow/schemas';
import { createRegistry } from '../registry/createRegistry';
import { isolatedRun, type IsolatedRun } from '../testing/isolatedRun';
import { createCodecs, type Codecs } from './createCodecs';

describe('decoding checks the contract at the boundary and Avro alone on internal topics, on the real registry', () => {
  let run: IsolatedRun;
  let codecs: Codecs;
  const event = (leadId: string): LeadActivityEvent => ({
    eventId: randomUUID(),
    occurredAt: 1_000,
    receivedAt: 1_000,
    source: 'test',
    leadId,
    type: 'page_viewed',
    payload: { url: '/pricing' },
  });

  beforeAll(async () => {
    run = await isolatedRun('decode-check');
    codecs = await createCodecs(createRegistry(run.registryUrl), run.registryUrl, run.namespace);
  });

  afterAll(async () => {
    await run?.cleanUp();
  });

  it('reads activity-by-lead records by Avro alone, refusing bytes that do not decode', async () => {
    // prepare: a valid record, one Avro carries but the contract refuses (an empty lead id), and garbage
    const valid = event('vera');
    const outOfContract = event('');

    // act
    const decoded = await codecs.activityByLead.decode(await codecs.activityByLead.encode(valid));
    const unchecked = await codecs.activityByLead.decode(await codecs.activityByLead.encode(outOfContract));
    const garbage = await codecs.activityByLead.decode(Buffer.from([0, 0, 0, 0, 1, 255, 255]));

    // assert
    expect(codecs.activityByLead.check).toBe('avro');
    expect(decoded).toEqual({ ok: true, value: valid });
    expect(unchecked).toEqual({ ok: true, value: outOfContract });
    expect(garbage.ok).toBe(false);
  });

  it('still validates the records of the topics events enter on against their contract', async () => {
    const outOfContract = { eventId: randomUUID(), occurredAt: 1_000, receivedAt: 1_000, source: 'test', leadId: '', type: 'page_viewed' as const, payload: { url: '/pricing' } };

    const result = await codecs.engagement.decode(await codecs.engagement.encode(outOfContract));

    expect(codecs.engagement.check).toBe('contract');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.message).toMatch(/record violates leads\.engagement\.v1: leadId/);
  });
});
