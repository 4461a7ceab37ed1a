import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newMasterKeyFile } from '@leadflow/kit';
import { repoRoot } from '../commands/stack';

/** Where `leadflow start` and the demo keep the master key when the environment names none (git-ignored). */
export const defaultMasterKeyFile = join(repoRoot, 'master-keys.json');

/**
 * Personal fields are sealed with data keys wrapped by a master key. When the environment configures
 * none, local runs use the repository's master key file and create it the first time (readable by
 * its owner only). Production configures its own (LEADFLOW_MASTER_KEY_FILE, from a secret store).
 */
export function ensureMasterKey(env: NodeJS.ProcessEnv, print: (line: string) => void = console.log, file = defaultMasterKeyFile): NodeJS.ProcessEnv {
  if (env.LEADFLOW_MASTER_KEY || env.LEADFLOW_MASTER_KEY_FILE) return env;
  if (!existsSync(file)) {
    writeFileSync(file, newMasterKeyFile(), { mode: 0o600, flag: 'wx' });
    print(`no master key configured: created ${file} (keep it; without it sealed personal data cannot be read)`);
  }
  return { ...env, LEADFLOW_MASTER_KEY_FILE: file };
}
