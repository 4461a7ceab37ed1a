import type { FastifyReply } from 'fastify';
import type { ApiKeyDirectory, ApiKeyGrant } from '../keys/ApiKeyDirectory';

const ALLOWED_HEADERS = 'content-type, x-api-key, idempotency-key';

/** CORS headers for an origin some publishable key allows; `Vary` keeps caches honest either way. */
export function corsHeaders(reply: FastifyReply, origin: string): FastifyReply {
  return reply
    .header('access-control-allow-origin', origin)
    .header('access-control-allow-methods', 'POST')
    .header('access-control-allow-headers', ALLOWED_HEADERS)
    .header('access-control-max-age', '600')
    .header('vary', 'Origin');
}

/** The answer to a CORS preflight: allowed when a publishable key names the origin. */
export function answerPreflight(keys: ApiKeyDirectory, origin: string | undefined, reply: FastifyReply) {
  if (origin && keys.allowsOrigin(origin)) return corsHeaders(reply, origin).code(204).send();
  return reply.header('vary', 'Origin').code(204).send();
}

export type OriginCheck = { ok: true } | { ok: false; code: string; message: string };

/**
 * A publishable key works only from the sites it names; a secret key never from a browser (an
 * `Origin` header means a page sent it, and a page shows its key to every visitor).
 */
export function checkOrigin(grant: ApiKeyGrant, origin: string | undefined): OriginCheck {
  if (grant.kind === 'secret') {
    return origin === undefined
      ? { ok: true }
      : { ok: false, code: 'secret_key_in_browser', message: 'a secret key may not be used from a web page; create a publishable key with this origin' };
  }
  if (origin === undefined) return { ok: false, code: 'origin_required', message: 'a publishable key is used from a web page, which sends an Origin header' };
  if (!grant.origins.has(origin)) return { ok: false, code: 'origin_not_allowed', message: `this key may not be used from ${origin}` };
  return { ok: true };
}
