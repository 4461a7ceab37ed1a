import { ConsumerHealth } from './ConsumerHealth';

describe('ConsumerHealth', () => {
  it('stays ready through a transient fault shorter than the limit, turns unready past it, and back when it clears', () => {
    const health = new ConsumerHealth('g', 1_000);

    health.transient(new Error('registry down'), 10_000);
    const early = health.problems(10_999);
    const late = health.problems(11_000);
    health.recovered();

    expect(early).toEqual([]);
    expect(late).toEqual(['g: waiting 1 s for a dependency: registry down']);
    expect(health.problems(20_000)).toEqual([]);
  });

  it('counts a fault from its first occurrence, not from the latest retry', () => {
    const health = new ConsumerHealth('g', 1_000);

    health.transient(new Error('first'), 0);
    health.transient(new Error('latest'), 900);

    expect(health.problems(1_000)).toEqual(['g: waiting 1 s for a dependency: latest']);
  });

  it('reports a halted partition until restart, and a crash until the group is joined again', () => {
    const health = new ConsumerHealth('g', 1_000);

    health.halt({ topic: 't', partition: 2, offset: '41', reason: 'TypeError: boom' });
    health.crashed(Object.assign(new Error('gave up'), { name: 'KafkaJSNonRetriableError' }));
    const both = health.problems(0);
    health.joined();

    expect(both).toEqual(['g: consumer restarting after a crash: KafkaJSNonRetriableError: gave up', 'g: halted t/2 at offset 41: TypeError: boom']);
    expect(health.problems(0)).toEqual(['g: halted t/2 at offset 41: TypeError: boom']);
    expect(health.isHalted('t', 2)).toBe(true);
    expect(health.isHalted('t', 1)).toBe(false);
  });
});
