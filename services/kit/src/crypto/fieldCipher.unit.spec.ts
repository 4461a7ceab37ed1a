import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { isSealedField } from '@leadflow/schemas';
import { openValue, sealValue, type DataKey } from './fieldCipher';
import { formatSealedField, parseSealedField } from './SealedField';
import type { Subject } from './Subject';

const subjectArb: fc.Arbitrary<Subject> = fc.record({
  kind: fc.constantFrom('lead' as const, 'visitor' as const),
  id: fc.stringMatching(/^[A-Za-z0-9._:@+-]{1,128}$/),
});
const keyOf = (subject: Subject, version = 1): DataKey => ({ subject, version, key: randomBytes(32) });

describe('sealing a personal field', () => {
  it('opens to what was sealed, for any subject, field and text, and the envelope has the topic form', () => {
    fc.assert(
      fc.property(subjectArb, fc.integer({ min: 1, max: 99_999 }), fc.string({ maxLength: 2000, unit: 'binary' }), (subject, version, text) => {
        const key = keyOf(subject, version);
        const envelope = sealValue(key, 'question_asked.text', text);
        return isSealedField(envelope) && openValue(key, 'question_asked.text', envelope) === text && !envelope.includes(text.length > 3 ? text : '\u0000');
      }),
      { numRuns: 200 },
    );
  });

  it('does not open under another field name, another subject, another key, or with any byte changed', () => {
    fc.assert(
      fc.property(subjectArb, fc.string({ minLength: 1, maxLength: 200 }), fc.nat(), (subject, text, position) => {
        const key = keyOf(subject);
        const envelope = sealValue(key, 'lead_identified.email', text);
        const parsed = parseSealedField(envelope)!;
        const flipped = Buffer.from(parsed.sealed);
        flipped.writeUInt8(flipped.readUInt8(position % flipped.length) ^ 1, position % flipped.length);
        const tampered = formatSealedField({ ...parsed, sealed: flipped });
        const other: Subject = { ...subject, id: `${subject.id}x` };
        return (
          openValue(key, 'lead_identified.name', envelope) === undefined &&
          openValue({ ...key, subject: other }, 'lead_identified.email', formatSealedField({ ...parsed, subject: other })) === undefined &&
          openValue(keyOf(subject), 'lead_identified.email', envelope) === undefined &&
          openValue(key, 'lead_identified.email', tampered) === undefined
        );
      }),
      { numRuns: 200 },
    );
  });

  it('never seals the same value to the same envelope twice (fresh IV)', () => {
    const key = keyOf({ kind: 'lead', id: 'vera' });
    expect(sealValue(key, 'f', 'same')).not.toBe(sealValue(key, 'f', 'same'));
  });

  it('reads back every envelope it formats, and nothing that is not one', () => {
    fc.assert(
      fc.property(subjectArb, fc.integer({ min: 1, max: 99_999 }), fc.uint8Array({ minLength: 12, maxLength: 12 }), fc.uint8Array({ minLength: 16, maxLength: 400 }), (subject, keyVersion, iv, sealed) => {
        const field = { subject, keyVersion, iv: Buffer.from(iv), sealed: Buffer.from(sealed) };
        expect(parseSealedField(formatSealedField(field))).toEqual(field);
      }),
    );
    expect(parseSealedField('vera@example.com')).toBeUndefined();
    expect(parseSealedField('lf1.x.AA.1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
  });
});
