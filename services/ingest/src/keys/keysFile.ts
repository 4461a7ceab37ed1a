import { z } from 'zod';
import { topicKeyOfEventType } from '@leadflow/schemas';

/** Every event type `POST /v1/events` takes: what a secret key's scopes choose from. */
export const activityEventTypes = [...topicKeyOfEventType].filter(([, key]) => key !== 'outcome').map(([type]) => type);

/**
 * What a publishable (browser) key may send: anonymous web activity, nothing that identifies a
 * lead, asks for sales or changes consent, since anyone can read the key from the page.
 */
export const anonymousWebEventTypes = ['session_started', 'page_viewed', 'content_consumed', 'feature_explored', 'tool_used', 'link_opened'] as const;

/** Scopes beyond event types: reading a handed-off lead's contact details, erasing a person. Never granted by `all`. */
export const privacyScopes = ['contact:read', 'erasure'] as const;

export const keyKinds = ['secret', 'publishable'] as const;
export type KeyKind = (typeof keyKinds)[number];

const origin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}, 'must be an origin such as https://www.example.com (scheme, host and port only)');

/** One API key as stored: its SHA-256, never the key itself. */
export const storedKey = z
  .object({
    id: z.string().regex(/^key_[0-9a-f]{12}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be the hex SHA-256 of the key'),
    source: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'may contain only lower-case letters, digits and . _ - (at most 64)'),
    kind: z.enum(keyKinds),
    scopes: z.array(z.enum([...activityEventTypes, ...privacyScopes] as string[] as [string, ...string[]])).min(1),
    origins: z.array(origin).default([]),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().optional(),
  })
  .superRefine((key, ctx) => {
    if (key.kind !== 'publishable') return;
    const allowed = new Set<string>(anonymousWebEventTypes);
    for (const scope of key.scopes) {
      if (!allowed.has(scope)) ctx.addIssue({ code: 'custom', path: ['scopes'], message: `a publishable key may only send ${anonymousWebEventTypes.join(', ')}; not ${scope}` });
    }
    if (key.origins.length === 0) ctx.addIssue({ code: 'custom', path: ['origins'], message: 'a publishable key needs at least one allowed origin' });
  });
export type StoredKey = z.infer<typeof storedKey>;

export const keysFile = z.object({ keys: z.array(storedKey) });
export type KeysFile = z.infer<typeof keysFile>;
