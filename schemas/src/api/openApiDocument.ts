import { z } from 'zod';
import { eventContext, eventId, subjectId } from '../events/common';
import { activityTopicKeys, outcomeTopicKeys, payloadSchemaOf, topicKeyOfEventType, type InboundTopicKey } from './inboundEvent';
import { trackedLinkRequest } from './trackedLink';

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as JsonSchema;
  return rest;
};

/** One posted event of a type: the envelope clients send, that type, and its payload. */
function postedEventOf(type: string, key: InboundTopicKey): z.ZodObject {
  const payload = payloadSchemaOf(key, type);
  return z.object({
    eventId: eventId.optional().describe('the event’s id at its source; stored as a UUIDv5 of source and id'),
    type: z.literal(type),
    occurredAt: z.iso.datetime({ offset: true }).describe('event time, ISO-8601 with offset; not before 1970, at most 5 minutes ahead'),
    leadId: subjectId.optional(),
    anonymousId: subjectId.optional(),
    context: eventContext.optional(),
    payload,
  });
}

function batchOf(keys: readonly InboundTopicKey[]): JsonSchema {
  const types = [...topicKeyOfEventType].filter(([, key]) => keys.includes(key));
  const event = { oneOf: types.map(([type]) => ({ $ref: `#/components/schemas/${schemaName(type)}` })) };
  return {
    oneOf: [event, { type: 'array', items: event, minItems: 1 }, { type: 'object', properties: { events: { type: 'array', items: event, minItems: 1 } }, required: ['events'] }],
  };
}

const schemaName = (type: string) => `Posted_${type}`;

const problem = { $ref: '#/components/schemas/Problem' };
const answer = (description: string, schema: JsonSchema = problem, retryAfter = false) => ({
  description,
  content: { 'application/json': { schema } },
  ...(retryAfter ? { headers: { 'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'integer' } } } } : {}),
});

function postResponses(): Record<string, unknown> {
  return {
    202: answer('every event was acknowledged by Kafka', { $ref: '#/components/schemas/Accepted' }),
    207: answer('some events were refused, the others acknowledged', { $ref: '#/components/schemas/Accepted' }),
    400: answer('malformed JSON, an empty batch, a bad Idempotency-Key, or no valid event'),
    401: answer('missing or unknown key or signature'),
    403: answer('the key may send none of these events, or not from this origin'),
    413: answer('too many events or too many bytes'),
    415: answer('not application/json (charset utf-8 if named)'),
    429: answer('the key sends faster than its rate', problem, true),
    503: answer('Kafka did not acknowledge in time, or ingest is full; nothing was accepted', problem, true),
  };
}

/**
 * The OpenAPI 3.1 description of ingest's HTTP API, derived from the same zod contracts the
 * routes validate with, so it cannot drift from what they accept.
 */
export function openApiDocument(): JsonSchema {
  const inboundTypes = [...topicKeyOfEventType];
  const idempotencyKey = { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' }, description: 'gives events without an eventId deterministic ids, so a retry counts once' };
  return {
    openapi: '3.1.0',
    info: { title: 'leadflow ingest', version: '1', description: 'Events into the lead-scoring pipeline. Free text may not hold NUL or lone UTF-16 surrogates.' },
    components: {
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
      schemas: {
        ...Object.fromEntries(inboundTypes.map(([type, key]) => [schemaName(type), jsonSchema(postedEventOf(type, key))])),
        Accepted: {
          type: 'object',
          properties: {
            accepted: { type: 'array', items: { type: 'object', properties: { index: { type: 'integer' }, eventId: { type: 'string', format: 'uuid' } }, required: ['index', 'eventId'] } },
            rejected: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  index: { type: 'integer' },
                  code: { enum: ['invalid', 'forbidden_event_type', 'forbidden_subject'] },
                  eventId: { type: 'string' },
                  errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } }, required: ['path', 'message'] } },
                },
                required: ['index', 'code', 'errors'],
              },
            },
          },
          required: ['accepted', 'rejected'],
        },
        Problem: {
          type: 'object',
          properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} }, required: ['code', 'message'] } },
          required: ['error'],
        },
      },
    },
    paths: {
      '/v1/events': {
        post: {
          summary: 'post activity: one event, an array, or { "events": [...] }',
          security: [{ apiKey: [] }],
          parameters: [idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: batchOf(activityTopicKeys) } } },
          responses: postResponses(),
        },
        options: { summary: 'CORS preflight for browser (publishable) keys', responses: { 204: { description: 'CORS headers when a publishable key names the origin' } } },
      },
      '/v1/outcomes': {
        post: {
          summary: 'CRM outcomes as a signed webhook',
          parameters: [
            { name: 'x-leadflow-source', in: 'header', required: true, schema: { type: 'string' } },
            { name: 'leadflow-signature', in: 'header', required: true, schema: { type: 'string', pattern: '^t=\\d+,v1=[0-9a-f]{64}$' }, description: 'HMAC-SHA256 of "<t>.<raw body>" with the source’s secret' },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: batchOf(outcomeTopicKeys) } } },
          responses: postResponses(),
        },
      },
      '/v1/links': {
        post: {
          summary: 'create a tracked campaign link (secret keys)',
          security: [{ apiKey: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(trackedLinkRequest) } } },
          responses: {
            201: answer('the link: its code and short URL', { type: 'object', properties: { code: { type: 'string' }, url: { type: 'string' } }, required: ['code', 'url'] }),
            400: answer('the link is not valid (targets must be http or https)'),
            401: answer('missing or unknown key'),
            403: answer('not a secret key'),
            415: answer('not application/json'),
            503: answer('ingest is full or Kafka unreachable', problem, true),
          },
        },
      },
      '/v1/leads/{leadId}/contact': {
        get: {
          summary: 'the CRM path to a handed-off lead’s contact details (e-mail, name, company, role, questions, BANT text), opened from their envelopes; key scope contact:read',
          security: [{ apiKey: [] }],
          parameters: [{ name: 'leadId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: answer('the contact details', { type: 'object', properties: { leadId: { type: 'string' } }, required: ['leadId'] }),
            401: answer('missing or unknown key'),
            403: answer('the key lacks the contact:read scope'),
            404: answer('no SQL hand-off stands for this lead'),
            410: answer('the person was erased'),
            503: answer('the keys are unavailable', problem, true),
          },
        },
      },
      '/v1/erasures': {
        post: {
          summary: 'erase a person: destroy the keys of the lead and its visitors, append and publish lead_erased; idempotent; key scope erasure',
          security: [{ apiKey: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { leadId: { type: 'string' } }, required: ['leadId'] } } } },
          responses: {
            200: answer('erased: the keys destroyed by this request and the lead_erased event id', { type: 'object', properties: { leadId: { type: 'string' }, keysErased: { type: 'integer' }, visitorsErased: { type: 'integer' }, eventId: { type: 'string' } }, required: ['leadId', 'keysErased', 'eventId'] }),
            400: answer('no valid leadId'),
            401: answer('missing or unknown key'),
            403: answer('the key lacks the erasure scope'),
            415: answer('not application/json'),
            503: answer('not completed now; retry the same request', problem, true),
          },
        },
      },
      '/l/{code}': {
        get: {
          summary: 'open a tracked link: redirects and emits link_opened with the campaign and the visitor cookie (lf_vid)',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 302: { description: 'to the link’s target' }, 404: answer('no link has this code') },
        },
      },
      '/health/live': { get: { summary: 'the process is up', responses: { 200: { description: 'up' } } } },
      '/health/ready': { get: { summary: 'started and Kafka reachable', responses: { 200: { description: 'ready' }, 503: { description: 'not ready' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'text exposition format', content: { 'text/plain': {} } } } } },
      '/openapi.json': { get: { summary: 'this document', responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } } },
    },
  };
}
