import { z } from 'zod';

/** NUL, or half of a UTF-16 surrogate pair standing alone. */
// eslint-disable-next-line no-control-regex -- NUL is the very character refused
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a string cannot be stored, or undefined when it can. Postgres refuses NUL in `text` and
 * `jsonb`, and a lone surrogate is not Unicode at all (UTF-8 cannot encode it, jsonb refuses its
 * escape); everything else — BOMs, direction marks, emoji outside the BMP — is kept as sent.
 */
export function unstorableTextReason(value: string): string | undefined {
  const match = UNSTORABLE.exec(value);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0);
  const at = `at character ${match.index}`;
  return code === 0
    ? `holds the NUL character (U+0000) ${at}, which cannot be stored; remove it`
    : `holds a lone UTF-16 surrogate (U+${code.toString(16).toUpperCase()}) ${at}; send well-formed Unicode`;
}

/**
 * Free text in an event. Strings that cannot be stored are refused rather than repaired: a silent
 * rewrite would change what the sender said, a refusal names the field so it can be fixed. Ingest
 * applies it at the door and every consumer applies it again when it decodes, with the same message.
 */
export function text(limits: { min?: number; max: number }) {
  const base = z.string().max(limits.max);
  return (limits.min === undefined ? base : base.min(limits.min)).check((ctx) => {
    const reason = unstorableTextReason(ctx.value);
    if (reason) ctx.issues.push({ code: 'custom', message: reason, input: ctx.value });
  });
}
