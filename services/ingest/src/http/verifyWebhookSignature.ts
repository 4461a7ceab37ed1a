import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = { ok: true } | { ok: false; code: string; message: string };

/** How far a signed timestamp may lie from now, either way: older requests are replays. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

/** The signature a sender computes: HMAC-SHA256 over `<timestamp>.<raw body>`, hex. */
export function signWebhook(secret: string, timestampSeconds: number, rawBody: string): string {
  return `t=${timestampSeconds},v1=${createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex')}`;
}

/**
 * Verifies `leadflow-signature: t=<unix seconds>,v1=<hex>`: the HMAC binds the body to the time it
 * was signed, so a body cannot be altered and an old request cannot be replayed outside the window.
 */
export function verifyWebhookSignature(header: string | undefined, secret: string, rawBody: string, nowMs: number): SignatureCheck {
  if (!header) return { ok: false, code: 'missing_signature', message: 'send the leadflow-signature header: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">' };
  const parts = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) {
    return { ok: false, code: 'malformed_signature', message: 'the leadflow-signature header must read t=<unix seconds>,v1=<64 hex digits>' };
  }
  if (Math.abs(nowMs - t * 1000) > SIGNATURE_TOLERANCE_MS) {
    return { ok: false, code: 'stale_signature', message: `the signature timestamp is more than ${SIGNATURE_TOLERANCE_MS / 60000} minutes from now; sign each request when you send it` };
  }
  const expected = Buffer.from(signWebhook(secret, t, rawBody).split('v1=')[1] as string, 'hex');
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) {
    return { ok: false, code: 'invalid_signature', message: 'the signature does not match the body and timestamp' };
  }
  return { ok: true };
}

/**
 * Verifies against each of a source's secrets (two while one replaces the other): a signature by
 * either is good; otherwise the first secret's refusal is the answer.
 */
export function verifyWebhookSignatures(header: string | undefined, secrets: readonly string[], rawBody: string, nowMs: number): SignatureCheck {
  let first: SignatureCheck | undefined;
  for (const secret of secrets) {
    const check = verifyWebhookSignature(header, secret, rawBody, nowMs);
    if (check.ok) return check;
    first ??= check;
  }
  return first ?? { ok: false, code: 'unknown_source', message: 'the source has no webhook secret' };
}
