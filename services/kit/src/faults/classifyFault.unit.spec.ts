import { DecodeError, LeadflowError, RegistryUnavailableError, RejectedRecordError } from '../errors/LeadflowError';
import { classifyFault, transientKindOf } from './classifyFault';

const withProps = (message: string, props: Record<string, unknown>) => Object.assign(new Error(message), props);

describe('classifyFault', () => {
  it('sees infrastructure that is away or slow as transient', () => {
    const transient = [
      new RegistryUnavailableError('registry down'),
      withProps('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }),
      withProps('could not serialize access', { code: '40001' }),
      withProps('deadlock detected', { code: '40P01' }),
      withProps('canceling statement due to statement timeout', { code: '57014' }),
      withProps('terminating connection due to idle-in-transaction timeout', { code: '25P03' }),
      withProps('terminating connection due to administrator command', { code: '57P01' }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Query read timeout'),
      withProps('retries exceeded', { name: 'KafkaJSNumberOfRetriesExceeded', retriable: false }),
      withProps('Connection error', { name: 'KafkaJSConnectionError' }),
    ];
    expect(transient.map(classifyFault)).toEqual(transient.map(() => 'transient'));
  });

  it('sees refusals of the record itself as bad data', () => {
    expect([new DecodeError('not Avro'), new RejectedRecordError('too old')].map(classifyFault)).toEqual(['bad-data', 'bad-data']);
  });

  it('sees programming errors and anything unexplained as a bug, never as bad data', () => {
    const bugs = [
      new TypeError('cannot read properties of undefined'),
      new RangeError('invalid array length'),
      new Error('something the handler did not expect'),
      new LeadflowError('broken invariant'),
      withProps('unique violation', { code: '23505' }),
      'a thrown string',
      undefined,
    ];
    expect(bugs.map(classifyFault)).toEqual(bugs.map(() => 'bug'));
  });

  it('names the dependency that was away, for the metric', () => {
    expect(transientKindOf(withProps('x', { name: 'KafkaJSConnectionError' }))).toBe('kafka');
    expect(transientKindOf(new RegistryUnavailableError('x'))).toBe('registry');
    expect(transientKindOf(withProps('x', { code: '40001' }))).toBe('postgres');
    expect(transientKindOf(new Error('Connection terminated unexpectedly'))).toBe('postgres');
    expect(transientKindOf(withProps('x', { code: 'ECONNRESET' }))).toBe('network');
  });
});
