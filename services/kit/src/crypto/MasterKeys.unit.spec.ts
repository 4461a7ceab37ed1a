import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError } from '../errors/LeadflowError';
import { LruCache } from './LruCache';
import { MasterKeyMissingError, MasterKeys, newMasterKeyFile } from './MasterKeys';

describe('master keys', () => {
  const key = randomBytes(32);

  it('unwrap what they wrapped, for the same subject and version only', () => {
    const masters = MasterKeys.fromEnvironment({ LEADFLOW_MASTER_KEY: `mk-1:${randomBytes(32).toString('base64')}` });
    const wrapped = masters.wrap('lead:vera', 1, key);
    expect(wrapped.masterKeyId).toBe('mk-1');
    expect(wrapped.wrapped.includes(key)).toBe(false);
    expect(masters.unwrap('lead:vera', 1, wrapped)).toEqual(key);
    expect(() => masters.unwrap('lead:nadia', 1, wrapped)).toThrow(/does not unwrap/);
    expect(() => masters.unwrap('lead:vera', 2, wrapped)).toThrow(/does not unwrap/);
  });

  it('rotate through a key file: the new current wraps, the old one still unwraps', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadflow-mk-'));
    const old = join(dir, 'old.json');
    writeFileSync(old, newMasterKeyFile('mk-old'));
    const before = MasterKeys.fromFile(old);
    const wrapped = before.wrap('visitor:a-1', 3, key);
    const file = JSON.parse(readFileSync(old, 'utf8')) as { keys: Record<string, string> };
    const rotated = join(dir, 'rotated.json');
    writeFileSync(rotated, JSON.stringify({ current: 'mk-new', keys: { ...file.keys, 'mk-new': randomBytes(32).toString('base64') } }));
    const after = MasterKeys.fromEnvironment({ LEADFLOW_MASTER_KEY_FILE: rotated });
    expect(after.currentId).toBe('mk-new');
    expect(after.unwrap('visitor:a-1', 3, wrapped)).toEqual(key);
    expect(after.wrap('visitor:a-1', 4, key).masterKeyId).toBe('mk-new');
    expect(() => MasterKeys.fromFile(join(dir, 'missing.json'))).toThrow(ConfigError);
    expect(() => MasterKeys.fromEnvironment({ LEADFLOW_MASTER_KEY_FILE: old }).unwrap('x', 1, { masterKeyId: 'gone', wrapped: wrapped.wrapped })).toThrow(MasterKeyMissingError);
  });

  it('refuse a configuration that cannot work, naming it', () => {
    expect(() => MasterKeys.fromEnvironment({})).toThrow(/no master key/);
    expect(() => MasterKeys.fromEnvironment({ LEADFLOW_MASTER_KEY: 'mk-1:c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(() => MasterKeys.fromEnvironment({ LEADFLOW_MASTER_KEY: 'mk-1:x', LEADFLOW_MASTER_KEY_FILE: '/x' })).toThrow(/not both/);
  });
});

describe('LruCache', () => {
  it('forgets the least recently used entry beyond its capacity, and entries older than its ttl', () => {
    let now = 0;
    const cache = new LruCache<string, number>(2, 100, () => now);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    now = 101;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});
