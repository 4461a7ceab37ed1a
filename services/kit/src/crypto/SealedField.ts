import { isSealedField } from '@leadflow/schemas';
import type { Subject } from './Subject';

/** A personal field as it travels: whose key, which version of it, the IV, and the AES-256-GCM output (ciphertext then tag). */
export interface SealedField {
  subject: Subject;
  keyVersion: number;
  iv: Buffer;
  sealed: Buffer;
}

const KIND_CODE = { lead: 'l', visitor: 'v' } as const;

/** The envelope string of a sealed field (`lf1.<l|v>.<subject>.<version>.<iv>.<sealed>`, base64url parts). */
export function formatSealedField(field: SealedField): string {
  const subject = Buffer.from(field.subject.id, 'utf8').toString('base64url');
  return ['lf1', KIND_CODE[field.subject.kind], subject, String(field.keyVersion), field.iv.toString('base64url'), field.sealed.toString('base64url')].join('.');
}

/** The parts of an envelope string, or undefined when the string is not one. */
export function parseSealedField(value: string): SealedField | undefined {
  if (!isSealedField(value)) return undefined;
  const [, kind, subject, version, iv, sealed] = value.split('.') as [string, string, string, string, string, string];
  return {
    subject: { kind: kind === 'l' ? 'lead' : 'visitor', id: Buffer.from(subject, 'base64url').toString('utf8') },
    keyVersion: Number(version),
    iv: Buffer.from(iv, 'base64url'),
    sealed: Buffer.from(sealed, 'base64url'),
  };
}
