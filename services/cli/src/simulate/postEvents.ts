/** The answer of `POST /v1/events`. */
export interface PostResult {
  status: number;
  body: {
    accepted?: { index: number; eventId: string }[];
    rejected?: { index: number; errors: { path: string; message: string }[] }[];
    error?: { code: string; message: string; details?: unknown };
  };
}

/** Posts events (or any body) to the ingest API with an API key. */
export async function postEvents(
  ingestUrl: string,
  apiKey: string | undefined,
  body: unknown,
  options: { raw?: boolean; contentType?: string } = {},
): Promise<PostResult> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  if (apiKey !== undefined) headers['x-api-key'] = apiKey;
  const response = await fetch(`${ingestUrl}/v1/events`, {
    method: 'POST',
    headers,
    body: options.raw ? (body as string) : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as PostResult['body'] };
}
