import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyDirectory } from '@leadflow/ingest';
import { createLogger } from '@leadflow/kit';
import { createKey, describeKeys, revokeKey } from './manageKeys';

describe('leadflow keys', () => {
  let dir: string;
  let file: string;
  const logger = createLogger('test', 'silent');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leadflow-keys-'));
    file = join(dir, 'keys.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a key that ingest takes, storing only its hash in a file only its owner reads', () => {
    const { key, stored } = createKey({ file, source: 'web', scopes: 'page_viewed,content_consumed', publishable: false });

    const grant = new ApiKeyDirectory(new Map(), file, logger).lookup(key);
    expect(grant).toMatchObject({ keyId: stored.id, source: 'web', kind: 'secret' });
    expect([...(grant?.scopes ?? [])]).toEqual(['page_viewed', 'content_consumed']);
    expect(readFileSync(file, 'utf8')).not.toContain(key);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('lists keys without the keys or their hashes, and revokes by id', () => {
    const { key, stored } = createKey({ file, source: 'site', scopes: 'all', publishable: true, origins: 'https://www.example.com' });

    revokeKey(file, stored.id);

    const listed = describeKeys(file).join('\n');
    expect(listed).toMatch(new RegExp(`${stored.id}\\s+publishable\\s+site\\s+revoked`));
    expect(listed).not.toContain(stored.hash);
    expect(new ApiKeyDirectory(new Map(), file, logger).lookup(key)).toBeUndefined();
  });

  it('refuses a publishable key that could identify leads or has no origin, naming each problem', () => {
    expect(() => createKey({ file, source: 'site', scopes: 'page_viewed,lead_identified', publishable: true })).toThrow(
      /scopes: a publishable key may only send .*not lead_identified[\s\S]*origins: a publishable key needs at least one allowed origin/,
    );
    expect(() => revokeKey(file, 'key_000000000000')).toThrow(/no key key_000000000000/);
  });
});
