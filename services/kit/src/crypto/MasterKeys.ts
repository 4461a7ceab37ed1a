import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeIssues } from '@leadflow/schemas';
import { ConfigError, LeadflowError } from '../errors/LeadflowError';

const keyId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a master key id is 1–64 letters, digits, . _ -');
const keyBytes = z
  .string()
  .transform((s) => Buffer.from(s, 'base64'))
  .refine((b) => b.length === 32, 'a master key is 32 bytes in base64');

/** `LEADFLOW_MASTER_KEY_FILE`: every master key still wrapping data keys, and the one new keys are wrapped with. */
export const masterKeyFile = z
  .object({ current: keyId, keys: z.record(keyId, keyBytes) })
  .refine((f) => f.keys[f.current] !== undefined, { message: 'current must name one of keys', path: ['current'] });

/** A data key wrapped by a master key, as `subject_keys` stores it. */
export interface WrappedKey {
  masterKeyId: string;
  /** IV (12 bytes), the wrapped key (32), the GCM tag (16). */
  wrapped: Buffer;
}

/** A master key unwraps what it wrapped for the same subject name and version only. */
const aadOf = (subject: string, version: number) => Buffer.from(`leadflow-data-key|${subject}|${version}`, 'utf8');

/**
 * The master keys from configuration. New data keys are wrapped with the current one; the others
 * stay to unwrap keys wrapped before a rotation, until `leadflow keys rotate-master` rewrapped them.
 */
export class MasterKeys {
  private constructor(
    readonly currentId: string,
    private readonly keys: ReadonlyMap<string, Buffer>,
  ) {}

  static of(currentId: string, keys: Record<string, Buffer>): MasterKeys {
    if (!keys[currentId]) throw new ConfigError(`master key ${currentId} is not among the configured keys`);
    return new MasterKeys(currentId, new Map(Object.entries(keys)));
  }

  /**
   * From `LEADFLOW_MASTER_KEY` (`<id>:<base64 of 32 bytes>`) or `LEADFLOW_MASTER_KEY_FILE` (JSON
   * `{ "current": id, "keys": { id: base64 } }`); exactly one of them.
   */
  static fromEnvironment(env: { LEADFLOW_MASTER_KEY?: string; LEADFLOW_MASTER_KEY_FILE?: string } = process.env): MasterKeys {
    const inline = env.LEADFLOW_MASTER_KEY?.trim();
    const file = env.LEADFLOW_MASTER_KEY_FILE?.trim();
    if (inline && file) throw new ConfigError('set LEADFLOW_MASTER_KEY or LEADFLOW_MASTER_KEY_FILE, not both');
    if (file) return MasterKeys.fromFile(file);
    if (!inline) {
      throw new ConfigError('no master key: set LEADFLOW_MASTER_KEY_FILE (see README, Personal data) or LEADFLOW_MASTER_KEY=<id>:<base64 of 32 bytes>');
    }
    const separator = inline.indexOf(':');
    const parsed = z.object({ id: keyId, key: keyBytes }).safeParse({ id: inline.slice(0, separator), key: inline.slice(separator + 1) });
    if (separator < 0 || !parsed.success) {
      throw new ConfigError('LEADFLOW_MASTER_KEY must be <id>:<base64 of 32 bytes>');
    }
    return MasterKeys.of(parsed.data.id, { [parsed.data.id]: parsed.data.key });
  }

  static fromFile(path: string): MasterKeys {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (cause) {
      throw new ConfigError(`LEADFLOW_MASTER_KEY_FILE ${path} cannot be read as JSON: ${(cause as Error).message}`);
    }
    const parsed = masterKeyFile.safeParse(json);
    if (!parsed.success) throw new ConfigError(`LEADFLOW_MASTER_KEY_FILE ${path}:\n  ${describeIssues(parsed.error.issues).join('\n  ')}`);
    return MasterKeys.of(parsed.data.current, parsed.data.keys);
  }

  wrap(subject: string, version: number, dataKey: Buffer): WrappedKey {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId) as Buffer, iv);
    cipher.setAAD(aadOf(subject, version));
    return { masterKeyId: this.currentId, wrapped: Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]) };
  }

  unwrap(subject: string, version: number, wrapped: WrappedKey): Buffer {
    const master = this.keys.get(wrapped.masterKeyId);
    if (!master) throw new MasterKeyMissingError(wrapped.masterKeyId);
    const { wrapped: bytes } = wrapped;
    const decipher = createDecipheriv('aes-256-gcm', master, bytes.subarray(0, 12));
    decipher.setAAD(aadOf(subject, version));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
    } catch (cause) {
      throw new LeadflowError(`the data key of ${subject} v${version} does not unwrap with master key ${wrapped.masterKeyId}`, { cause });
    }
  }
}

/** A data key wrapped by a master key this process was not given: a configuration fault, not the record's. */
export class MasterKeyMissingError extends LeadflowError {
  constructor(readonly masterKeyId: string) {
    super(`master key ${masterKeyId} wraps data keys but is not configured (LEADFLOW_MASTER_KEY_FILE must keep it until rotate-master rewrapped them)`, { retriable: true });
    this.name = 'MasterKeyMissingError';
  }
}

/** A fresh master key file's content, with one key. */
export function newMasterKeyFile(id = `mk-${new Date().toISOString().slice(0, 10)}`): string {
  return `${JSON.stringify({ current: id, keys: { [id]: randomBytes(32).toString('base64') } }, null, 2)}\n`;
}
