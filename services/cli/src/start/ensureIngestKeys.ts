import { join } from 'node:path';
import { readKeysFile } from '@leadflow/ingest';
import { repoRoot } from '../commands/stack';
import { createKey } from '../keys/manageKeys';

/** Where `leadflow start` keeps ingest's keys when the environment names none (git-ignored). */
export const defaultKeysFile = join(repoRoot, 'ingest-keys.json');

/**
 * Ingest takes no request without a key. When the environment configures none, `leadflow start`
 * uses the repository's keys file and, the first time, creates one key for every activity type and
 * prints it once — there is no built-in key anybody could know.
 */
export function ensureIngestKeys(env: NodeJS.ProcessEnv, print: (line: string) => void = console.log, file = defaultKeysFile): NodeJS.ProcessEnv {
  if (env.INGEST_API_KEYS || env.INGEST_KEYS_FILE) return env;
  const active = readKeysFile(file).keys.filter((key) => !key.revokedAt);
  if (active.length === 0) {
    const { key, stored } = createKey({ file, source: 'default', scopes: 'all', publishable: false });
    print(`ingest had no API key: created ${stored.id} (source "default", every activity type) in ${file}`);
    print(`the key, shown once (send it as x-api-key; only its hash is stored): ${key}`);
  }
  return { ...env, INGEST_KEYS_FILE: file };
}
