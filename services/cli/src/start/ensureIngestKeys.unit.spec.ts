import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashApiKey, readKeysFile } from '@leadflow/ingest';
import { ensureIngestKeys } from './ensureIngestKeys';

describe('leadflow start without a configured ingest key', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'leadflow-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates one key the first time, prints it once and keeps only its hash', () => {
    const file = join(dir, 'ingest-keys.json');
    const printed: string[] = [];

    const first = ensureIngestKeys({}, (line) => printed.push(line), file);
    const second = ensureIngestKeys({}, (line) => printed.push(line), file);

    const key = printed[1]?.split(': ').at(-1) ?? '';
    const stored = readKeysFile(file).keys;
    expect(printed).toHaveLength(2);
    expect(stored.map((k) => ({ source: k.source, kind: k.kind, hash: k.hash }))).toEqual([{ source: 'default', kind: 'secret', hash: hashApiKey(key) }]);
    expect(JSON.stringify(stored)).not.toContain(key);
    expect([first.INGEST_KEYS_FILE, second.INGEST_KEYS_FILE]).toEqual([file, file]);
  });

  it('leaves keys the environment configures alone', () => {
    const file = join(dir, 'ingest-keys.json');
    const env = { INGEST_API_KEYS: 'lf_sk_operator-key-0001:crm' };

    expect(ensureIngestKeys(env, () => undefined, file)).toBe(env);
    expect(readKeysFile(file).keys).toEqual([]);
  });
});
