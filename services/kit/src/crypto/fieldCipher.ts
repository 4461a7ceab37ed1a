import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { formatSealedField, parseSealedField } from './SealedField';
import type { Subject } from './Subject';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The additional data every field is sealed with: the format, the subject, the key version and the
 * field's name in the contract (`question_asked.text`), so an envelope moved to another field or
 * another subject's record does not open.
 */
const additionalData = (subject: Subject, keyVersion: number, field: string): Buffer =>
  Buffer.from(`lf1|${subject.kind}|${subject.id}|${keyVersion}|${field}`, 'utf8');

/** A data key and the subject and version it belongs to. */
export interface DataKey {
  subject: Subject;
  version: number;
  key: Buffer;
}

/** Seals one personal value with the subject's data key under AES-256-GCM; a fresh random IV each time. */
export function sealValue(dataKey: DataKey, field: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, dataKey.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(dataKey.subject, dataKey.version, field));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return formatSealedField({ subject: dataKey.subject, keyVersion: dataKey.version, iv, sealed });
}

/**
 * Opens an envelope with its data key: the plaintext, or undefined when the envelope is malformed,
 * was sealed for another field or subject, or was tampered with (GCM authenticates all of it).
 */
export function openValue(dataKey: DataKey, field: string, envelope: string): string | undefined {
  const parsed = parseSealedField(envelope);
  if (!parsed || parsed.keyVersion !== dataKey.version || parsed.subject.kind !== dataKey.subject.kind || parsed.subject.id !== dataKey.subject.id) return undefined;
  if (parsed.iv.length !== IV_BYTES || parsed.sealed.length < TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv(ALGORITHM, dataKey.key, parsed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(parsed.subject, parsed.keyVersion, field));
    decipher.setAuthTag(parsed.sealed.subarray(parsed.sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(parsed.sealed.subarray(0, parsed.sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
