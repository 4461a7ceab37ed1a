import {
  activityEventTypes,
  anonymousWebEventTypes,
  generateApiKey,
  hashApiKey,
  readKeysFile,
  storedKey,
  writeKeysFile,
  type KeyKind,
  type StoredKey,
} from '@leadflow/ingest';
import { describeIssues } from '@leadflow/schemas';

export interface CreateKeyOptions {
  file: string;
  source: string;
  scopes: string;
  publishable: boolean;
  origins?: string;
}

const list = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** `all` means every type the key's kind may send: every activity type, or anonymous web activity for a publishable key. */
function scopesOf(value: string, kind: KeyKind): string[] {
  if (value.trim() !== 'all') return list(value);
  return kind === 'publishable' ? [...anonymousWebEventTypes] : activityEventTypes;
}

/** Creates a key, stores only its hash, and returns the key: the one time it is shown. */
export function createKey(options: CreateKeyOptions, now = new Date()): { key: string; stored: StoredKey } {
  const kind: KeyKind = options.publishable ? 'publishable' : 'secret';
  const { key, id } = generateApiKey(kind);
  const candidate = {
    id,
    hash: hashApiKey(key),
    source: options.source,
    kind,
    scopes: scopesOf(options.scopes, kind),
    origins: list(options.origins),
    createdAt: now.toISOString(),
  };
  const parsed = storedKey.safeParse(candidate);
  if (!parsed.success) throw new Error(`cannot create the key:\n  ${describeIssues(parsed.error.issues).join('\n  ')}`);
  const file = readKeysFile(options.file);
  writeKeysFile(options.file, { keys: [...file.keys, parsed.data] });
  return { key, stored: parsed.data };
}

/** Marks a key revoked (kept for the record); ingest stops taking it when it re-reads the file. */
export function revokeKey(path: string, id: string, now = new Date()): StoredKey {
  const file = readKeysFile(path);
  const key = file.keys.find((k) => k.id === id);
  if (!key) throw new Error(`no key ${id} in ${path}; \`leadflow keys list\` shows the ids`);
  const revoked = { ...key, revokedAt: key.revokedAt ?? now.toISOString() };
  writeKeysFile(path, { keys: file.keys.map((k) => (k.id === id ? revoked : k)) });
  return revoked;
}

/** One line per key, never the key or its hash. */
export function describeKeys(path: string): string[] {
  const rows = readKeysFile(path).keys.map((k) => [k.id, k.kind, k.source, k.revokedAt ? `revoked ${k.revokedAt}` : 'active', k.scopes.join(','), k.origins.join(',')]);
  const header = ['id', 'kind', 'source', 'state', 'scopes', 'origins'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  return [header, ...rows].map((row) => row.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ').trimEnd());
}
