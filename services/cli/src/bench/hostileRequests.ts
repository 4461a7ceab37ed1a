import fc from 'fast-check';

/** One request as sent: raw body bytes and headers, so anything may be wrong with it. */
export interface HostileRequest {
  kind: string;
  headers: Record<string, string>;
  body: string;
}

const now = () => Date.now();
const subjectId = fc.stringMatching(/^[a-z0-9-]{1,20}$/);
const oddText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '\ud800', '\udfff', '\ufeff', '\u200f', '🚀👩‍💻', 'a\u0000b', '\u202e'),
);

/** A plausible event: the base every mutation starts from (some are valid, most stay valid until mutated). */
const event = fc.record({
  type: fc.constantFrom('page_viewed', 'content_consumed', 'feature_explored', 'question_asked', 'session_started', 'lead_identified', 'bogus_type'),
  occurredAt: fc.integer({ min: -3_600_000 * 24 * 30, max: 600_000 }).map((offset) => new Date(now() + offset).toISOString()),
  anonymousId: subjectId.map((id) => `fuzz-${id}`),
  payload: fc.record({
    url: fc.oneof(fc.constant('/pricing'), oddText),
    returning: fc.boolean(),
    assetId: oddText,
    assetType: fc.constantFrom('whitepaper', 'video', 'podcast'),
    feature: oddText,
    text: oddText,
    topic: oddText,
    specificity: fc.double({ min: -1, max: 2, noNaN: false }),
    anonymousId: subjectId,
    leadId: subjectId,
  }, { requiredKeys: [] }),
  context: fc.option(fc.record({ campaignId: oddText, userAgent: oddText }, { requiredKeys: [] }), { nil: undefined }),
}, { requiredKeys: ['type', 'occurredAt', 'payload'] });

const wrongValue = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), fc.string({ maxLength: 5 }));

const json = (value: unknown) => JSON.stringify(value);

/** Mutations of the body, each named so a failure says what was sent. */
const bodies: fc.Arbitrary<{ kind: string; body: string }> = fc.oneof(
  fc.array(event, { minLength: 1, maxLength: 5 }).map((events) => ({ kind: 'events', body: json(events) })),
  event.map((e) => ({ kind: 'single event', body: json(e) })),
  fc.tuple(fc.array(event, { minLength: 1, maxLength: 3 }), fc.nat()).map(([events, cut]) => {
    const text = json(events);
    return { kind: 'truncated JSON', body: text.slice(0, cut % text.length) };
  }),
  fc.integer({ min: 100, max: 20_000 }).map((depth) => ({ kind: 'deep nesting', body: `${'['.repeat(depth)}${']'.repeat(depth)}` })),
  fc.tuple(event, fc.integer({ min: 100, max: 20_000 })).map(([e, depth]) => ({
    kind: 'deep payload',
    body: json({ ...e, payload: 'DEEP' }).replace('"DEEP"', `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  })),
  fc.tuple(event, fc.integer({ min: 3_000, max: 1_200_000 })).map(([e, size]) => ({ kind: 'huge string', body: json({ ...e, payload: { url: `/${'x'.repeat(size)}` } }) })),
  event.map((e) => ({ kind: '__proto__', body: json(e).replace('{', '{"__proto__":{"polluted":true},') })),
  event.map((e) => ({ kind: 'constructor.prototype', body: json(e).replace('{', '{"constructor":{"prototype":{"polluted":true}},') })),
  fc.tuple(event, fc.constantFrom('type', 'occurredAt', 'anonymousId', 'payload', 'context', 'eventId'), wrongValue).map(([e, field, value]) => ({
    kind: `wrong type of ${field}`,
    body: json({ ...e, [field]: value }),
  })),
  fc.tuple(event, oddText).map(([e, text]) => ({ kind: 'odd unicode id', body: json({ ...e, anonymousId: text }) })),
  fc.constantFrom('', 'null', '[]', '{}', '{"events": 5}', '"text"', '1e999', 'true', '\ufeff[]', '{"events": [null]}').map((body) => ({ kind: 'odd JSON', body })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ kind: 'binary', body: Buffer.from(bytes).toString('latin1') })),
);

/** Mutations of the headers; the API key is valid unless the mutation says otherwise. */
function headers(apiKey: string): fc.Arbitrary<{ kind: string; headers: Record<string, string> }> {
  const json = { 'content-type': 'application/json', 'x-api-key': apiKey };
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant({ kind: 'json', headers: json }) },
    fc.constantFrom('text/plain', 'application/json-patch+json', 'application/JSON; charset=latin1', '*/*', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16').map((type) => ({
      kind: `content type ${type}`,
      headers: { ...json, 'content-type': type },
    })),
    fc.constantFrom('', 'nope', `${apiKey}x`, apiKey.toUpperCase()).map((key) => ({ kind: 'bad key', headers: { ...json, 'x-api-key': key } })),
    fc.string({ unit: 'binary-ascii', minLength: 0, maxLength: 300 }).filter((v) => /^[\x20-\x7e]*$/.test(v)).map((key) => ({ kind: 'odd idempotency key', headers: { ...json, 'idempotency-key': key } })),
    fc.constantFrom('https://evil.example', 'null').map((origin) => ({ kind: 'origin', headers: { ...json, origin } })),
  );
}

/** Hostile requests: bodies and headers wrong in every way a fuzzer can think of. */
export const hostileRequests = (apiKey: string): fc.Arbitrary<HostileRequest> =>
  fc.tuple(bodies, headers(apiKey)).map(([b, h]) => ({ kind: `${b.kind} / ${h.kind}`, headers: h.headers, body: b.body }));
