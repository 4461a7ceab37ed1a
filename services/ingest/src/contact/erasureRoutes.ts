import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { subjectId } from '@leadflow/schemas';
import type { ApiKeyGrant } from '../keys/ApiKeyDirectory';
import { problem } from '../http/problem';

/** What an erasure did: how many data keys it destroyed now, and the `lead_erased` event (published by hand-off's outbox relay). */
export interface ErasureReceipt {
  leadId: string;
  keysErased: number;
  visitorsErased: number;
  eventId: string;
}

export interface ErasureRoutesOptions {
  eraseLead: (leadId: string) => Promise<ErasureReceipt>;
  logger: Logger;
  guard: onRequestHookHandler[];
  grantOf: (request: FastifyRequest) => ApiKeyGrant | undefined;
}

const erasureRequest = z.object({ leadId: subjectId });

/**
 * `POST /v1/erasures` `{ "leadId": … }` (secret key with scope `erasure`): what `leadflow erase`
 * does — the data keys of the lead and its visitors destroyed, `lead_erased` appended and
 * written to hand-off's outbox in the same transaction (hand-off's relay publishes it). 200 with the receipt once done; idempotent, so a client retries a 503 as it is.
 */
export function registerErasureRoutes(app: FastifyInstance, options: ErasureRoutesOptions): void {
  app.post('/v1/erasures', { onRequest: options.guard }, async (request, reply) => {
    const grant = options.grantOf(request);
    if (grant?.kind !== 'secret' || !grant.scopes.has('erasure')) return problem(reply, 403, 'forbidden_scope', 'erasure needs a secret key with the erasure scope');
    const parsed = erasureRequest.safeParse(request.body);
    if (!parsed.success) return problem(reply, 400, 'invalid_erasure', 'send { "leadId": "<the lead to erase>" }');
    try {
      const receipt = await options.eraseLead(parsed.data.leadId);
      options.logger.info({ leadId: receipt.leadId, keyId: grant.keyId, keysErased: receipt.keysErased }, 'lead erased');
      return reply.code(200).send(receipt);
    } catch (error) {
      options.logger.warn({ err: error, leadId: parsed.data.leadId }, 'erasure not completed; it completes when retried');
      return problem(reply.header('retry-after', '2'), 503, 'erasure_incomplete', 'the erasure could not complete now; retry the same request');
    }
  });
}
