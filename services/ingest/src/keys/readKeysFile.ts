import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { describeIssues } from '@leadflow/schemas';
import { ConfigError } from '@leadflow/kit';
import { keysFile, type KeysFile } from './keysFile';

/** Reads and checks a keys file; a missing file holds no keys. */
export function readKeysFile(path: string): KeysFile {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { keys: [] };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = keysFile.safeParse(json);
  if (!parsed.success) throw new ConfigError(`${path} is not a valid keys file:\n  ${describeIssues(parsed.error.issues).join('\n  ')}`);
  return parsed.data;
}

/** Writes a keys file atomically (a reader sees the old file or the new one), readable by its owner only. */
export function writeKeysFile(path: string, file: KeysFile): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
