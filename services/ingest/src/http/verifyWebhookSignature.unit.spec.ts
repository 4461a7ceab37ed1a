import { signWebhook, verifyWebhookSignature } from './verifyWebhookSignature';

const secret = 'whsec-0123456789abcdef';
const body = '{"type":"lead_contacted"}';
const now = Date.parse('2026-11-25T12:00:00Z');
const t = now / 1000;

describe('verifyWebhookSignature', () => {
  it('accepts a body signed with the secret at the current time', () => {
    expect(verifyWebhookSignature(signWebhook(secret, t, body), secret, body, now)).toEqual({ ok: true });
  });

  it.each([
    ['missing_signature', undefined, body],
    ['malformed_signature', 'sha256=abc', body],
    ['stale_signature', signWebhook(secret, t - 301, body), body],
    ['invalid_signature', signWebhook(secret, t, body), body.replace('contacted', 'accepted')],
    ['invalid_signature', signWebhook('another-secret-0123', t, body), body],
  ])('refuses with %s', (code, header, received) => {
    const check = verifyWebhookSignature(header, secret, received, now);

    expect(check).toMatchObject({ ok: false, code });
  });
});
