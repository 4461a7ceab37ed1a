import { randomUUID } from 'node:crypto';
import type { LeadActivityEvent } from '@leadflow/schemas';
import { classifyFault } from '../faults/classifyFault';
import { createRegistry } from '../registry/createRegistry';
import { isolatedRun, type IsolatedRun } from '../testing/isolatedRun';
import { createCodecs, type Codecs } from './createCodecs';

describe('the contract is checked on decoding at the boundary and on encoding for internal topics, on the real registry', () => {
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

  it('checks internal records once, when they are encoded, and reads them by Avro alone', async () => {
    // prepare: a valid record, one Avro carries but the contract refuses (an empty lead id), and garbage
    const valid = event('vera');
    const outOfContract = event('');

    // act
    const decoded = await codecs.activityByLead.decode(await codecs.activityByLead.encode(valid));
    const refused = codecs.activityByLead.encode(outOfContract);
    const garbage = await codecs.activityByLead.decode(Buffer.from([0, 0, 0, 0, 1, 255, 255]));

    // assert
    const internal = (Object.keys(codecs) as (keyof Codecs)[]).filter((key) => codecs[key].check === 'avro').sort();
    expect(internal).toEqual(['activityByLead', 'lifecycle', 'recycled', 'scores', 'sla']);
    expect(decoded).toEqual({ ok: true, value: valid });
    // a record the pipeline built wrong is a defect, never a reason to dead-letter what was being applied
    await expect(refused).rejects.toMatchObject({ name: 'ContractViolationError', message: expect.stringMatching(/leads\.activity-by-lead\.v2 record built by the pipeline breaks its contract: leadId/) });
    expect(classifyFault(await refused.catch((error: unknown) => error))).toBe('bug');
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
