import fc from 'fast-check';
import { parsePostedEvent } from '../api/inboundEvent';
import { topics } from '../topics';
import { conversationPayloads } from './conversation';
import { identityPayloads } from './identity';
import { isSealedField, personalFieldsOf, sealedField } from './personal';

const envelope = 'lf1.l.bGVhZC0x.1.AAAAAAAAAAAAAAAA.' + 'A'.repeat(30);

describe('personal fields', () => {
  it('are found once, from their marks, in the inbound contracts', () => {
    expect(personalFieldsOf(identityPayloads.lead_identified)).toEqual([
      { path: ['email'], each: false },
      { path: ['name'], each: false },
      { path: ['company'], each: false },
    ]);
    expect(personalFieldsOf(conversationPayloads.question_asked)).toEqual([{ path: ['text'], each: false }]);
    expect(personalFieldsOf(conversationPayloads.qualification_captured)).toEqual([
      { path: ['value', 'role'], each: false },
      { path: ['value', 'painPoints'], each: true },
    ]);
    expect(personalFieldsOf(conversationPayloads.profile_captured)).toEqual([{ path: ['role'], each: false }]);
  });

  it('travel on topics only as envelopes: plaintext is refused, the envelope taken', () => {
    const record = {
      eventId: '6f1c1f5e-5a43-4c3f-9a59-0c1f4f3b2a10',
      type: 'lead_identified',
      occurredAt: 1,
      receivedAt: 1,
      source: 'web',
      leadId: 'lead-1',
      anonymousId: 'anon-1',
      payload: { leadId: 'lead-1', anonymousId: 'anon-1', email: 'ada@example.com' },
    };
    expect(topics.identity.schema.safeParse(record).success).toBe(false);
    expect(topics.identity.schema.safeParse({ ...record, payload: { ...record.payload, email: envelope } }).success).toBe(true);
    const question = { ...record, type: 'question_asked', payload: { text: envelope, topic: 'pricing', specificity: 0.5 } };
    expect(topics.conversation.schema.safeParse(question).success).toBe(true);
    expect(topics.activityByLead.schema.safeParse({ ...question, payload: { ...question.payload, text: 'How much?' } }).success).toBe(false);
  });

  it('are posted in plaintext, checked by the plaintext rules', () => {
    const posted = (email: string) =>
      parsePostedEvent({ type: 'lead_identified', occurredAt: '2026-01-01T00:00:00Z', payload: { leadId: 'l-1', anonymousId: 'a-1', email } }, Date.parse('2026-01-02T00:00:00Z'));
    expect(posted('ada@example.com').success).toBe(true);
    expect(posted('not an address').success).toBe(false);
  });

  it('no plaintext without the envelope shape passes for an envelope', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (plaintext) => {
        return isSealedField(plaintext) === sealedField.safeParse(plaintext).success && (!plaintext.startsWith('lf1.') ? !isSealedField(plaintext) : true);
      }),
    );
  });
});
