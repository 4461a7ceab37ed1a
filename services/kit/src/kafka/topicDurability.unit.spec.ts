import fc from 'fast-check';
import { ConfigError } from '../errors/LeadflowError';
import { checkTopicDurability, localTopicDurability, topicConfigEntries } from './topicDurability';
import { describeTruncation, truncatedPartitions } from './truncatedPartitions';

describe('topic durability', () => {
  it('keeps history on the local broker by default: one replica, retention.ms=-1', () => {
    const entries = topicConfigEntries(localTopicDurability);

    expect(entries).toEqual([
      { name: 'min.insync.replicas', value: '1' },
      { name: 'retention.ms', value: '-1' },
      { name: 'retention.bytes', value: '-1' },
    ]);
  });

  it('accepts the production setting of 3 replicas with 2 in sync', () => {
    const production = { replicationFactor: 3, minInsyncReplicas: 2, retentionMs: -1 };

    expect(checkTopicDurability(production)).toBe(production);
  });

  it('refuses more in-sync replicas than replicas, naming both settings', () => {
    const clash = () => checkTopicDurability({ replicationFactor: 1, minInsyncReplicas: 2, retentionMs: -1 });

    expect(clash).toThrow(ConfigError);
    expect(clash).toThrow(/TOPIC_MIN_INSYNC_REPLICAS=2 exceeds TOPIC_REPLICATION_FACTOR=1/);
  });
});

describe('truncated partitions', () => {
  it('are exactly those whose log starts after offset 0, each named in the refusal', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ topic: fc.constantFrom('a.v1', 'b.v1'), partition: fc.nat(5), low: fc.nat(1000) })), (starts) => {
        const truncated = truncatedPartitions(starts);

        expect(truncated).toEqual(starts.filter((s) => s.low !== 0));
        for (const p of truncated) expect(describeTruncation(truncated)).toContain(`${p.topic} partition ${p.partition} starts at offset ${p.low}`);
      }),
    );
  });
});
