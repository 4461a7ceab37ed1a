import { signWebhook } from '@leadflow/ingest';
import type { PostResult } from './postEvents';

/**
 * Posts CRM outcomes to `POST /v1/outcomes` as a signed webhook: HMAC-SHA256 of the body with the
 * source's secret, stamped with the time of sending.
 */
export async function postOutcomes(ingestUrl: string, source: string, secret: string, body: unknown): Promise<PostResult> {
  const raw = JSON.stringify(body);
  const response = await fetch(`${ingestUrl}/v1/outcomes`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-leadflow-source': source,
      'leadflow-signature': signWebhook(secret, Math.floor(Date.now() / 1000), raw),
    },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as PostResult['body'] };
}
