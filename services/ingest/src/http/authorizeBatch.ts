import type { ApiKeyGrant } from '../keys/ApiKeyDirectory';
import type { ValidatedBatch } from './validateBatch';

/**
 * Moves the valid events a key may not send into the refused ones, with a code per event: a type
 * outside the key's scopes is `forbidden_event_type`; a lead id from a publishable key (which
 * sends anonymous activity only) is `forbidden_subject`.
 */
export function authorizeBatch(batch: ValidatedBatch, grant: ApiKeyGrant): ValidatedBatch {
  const result: ValidatedBatch = { accepted: [], rejected: [...batch.rejected] };
  for (const event of batch.accepted) {
    const { type } = event.record;
    if (!grant.scopes.has(type)) {
      result.rejected.push({ index: event.index, code: 'forbidden_event_type', errors: [{ path: 'type', message: `this key may not send ${type}` }] });
    } else if (grant.kind === 'publishable' && event.record.leadId !== undefined) {
      result.rejected.push({ index: event.index, code: 'forbidden_subject', errors: [{ path: 'leadId', message: 'a publishable key sends anonymous activity only: use anonymousId' }] });
    } else {
      result.accepted.push(event);
    }
  }
  result.rejected.sort((a, b) => a.index - b.index);
  return result;
}
