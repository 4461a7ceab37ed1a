import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Logger } from 'pino';
import { subjectId } from '@leadflow/schemas';
import type { ApiKeyGrant } from '../keys/ApiKeyDirectory';
import { problem } from '../http/problem';
import type { ContactLookup } from './LeadContact';

export interface ContactRoutesOptions {
  readContact: (leadId: string) => Promise<ContactLookup>;
  logger: Logger;
  guard: onRequestHookHandler[];
  grantOf: (request: FastifyRequest) => ApiKeyGrant | undefined;
}

/**
 * `GET /v1/leads/:leadId/contact` (secret key with scope `contact:read`): the one path by which a
 * CRM gets a handed-off lead's contact details in clear. 404 when no SQL hand-off stands, 410 once
 * the person was erased, 503 with Retry-After when the keys cannot be read. Never cached.
 */
export function registerContactRoutes(app: FastifyInstance, options: ContactRoutesOptions): void {
  app.get<{ Params: { leadId: string } }>('/v1/leads/:leadId/contact', { onRequest: options.guard }, async (request, reply) => {
    const grant = options.grantOf(request);
    if (grant?.kind !== 'secret' || !grant.scopes.has('contact:read')) return problem(reply, 403, 'forbidden_scope', 'contact details need a secret key with the contact:read scope');
    const leadId = subjectId.safeParse(request.params.leadId);
    if (!leadId.success) return problem(reply, 404, 'unknown_lead', 'no such lead');
    let lookup: ContactLookup;
    try {
      lookup = await options.readContact(leadId.data);
    } catch (error) {
      options.logger.warn({ err: error }, 'contact details unavailable');
      return problem(reply.header('retry-after', '2'), 503, 'keys_unavailable', 'the contact details cannot be read now; retry shortly');
    }
    reply.header('cache-control', 'no-store');
    if (lookup.status === 'erased') return problem(reply, 410, 'erased', 'this person was erased; nothing personal is kept');
    if (lookup.status === 'not_found') return problem(reply, 404, 'not_handed_off', 'no SQL hand-off stands for this lead');
    options.logger.info({ leadId: leadId.data, keyId: grant.keyId }, 'contact details read');
    return reply.code(200).send(lookup.contact);
  });
}
