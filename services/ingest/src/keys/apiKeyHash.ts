import { hash, randomBytes } from 'node:crypto';
import type { KeyKind } from './keysFile';

const PREFIX: Record<KeyKind, string> = { secret: 'lf_sk_', publishable: 'lf_pk_' };

/**
 * SHA-256 of a key. Keys are 256 random bits, so a fast hash is enough: there is nothing to
 * guess from, and lookups by hash take the same time whatever the key's content.
 */
export const hashApiKey = (key: string): string => hash('sha256', key, 'hex');

/** A new key (shown once) and the id it is listed and revoked by. */
export function generateApiKey(kind: KeyKind): { key: string; id: string } {
  return { key: `${PREFIX[kind]}${randomBytes(32).toString('base64url')}`, id: `key_${randomBytes(6).toString('hex')}` };
}
