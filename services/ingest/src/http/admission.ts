import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InflightBudget, Reservation } from '../admission/InflightBudget';
import { isJsonMediaType } from './isJsonMediaType';
import { problem } from './problem';

/** What a request holds while ingest works on it; released once it is answered and its sends settled. */
export interface RequestHolds {
  reservations: Reservation[];
  work: Promise<unknown>[];
}

const holdsOf = new WeakMap<FastifyRequest, RequestHolds>();

export function holds(request: FastifyRequest): RequestHolds {
  let held = holdsOf.get(request);
  if (!held) {
    held = { reservations: [], work: [] };
    holdsOf.set(request, held);
  }
  return held;
}

export interface AdmissionOptions {
  budget: InflightBudget;
  maxBodyBytes: number;
  isKafkaReachable: () => boolean;
}

/**
 * Decides before a body is read whether ingest takes the request: JSON only (415), Kafka reachable
 * (503), room in the in-flight byte budget (503). Bodies of turned-away requests are never read,
 * so a flood while Kafka is slow costs little memory. Every 503 says when to retry.
 */
export function admitRequest(options: AdmissionOptions) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isJsonMediaType(request.headers['content-type'])) {
      return problem(reply, 415, 'unsupported_media_type', 'send events as application/json (charset utf-8 if named)');
    }
    if (!options.isKafkaReachable()) {
      return problem(reply.header('retry-after', '2'), 503, 'kafka_unavailable', 'Kafka is not reachable; nothing was accepted, retry later');
    }
    const declared = Number(request.headers['content-length']);
    const bytes = Number.isInteger(declared) && declared >= 0 ? declared : options.maxBodyBytes;
    if (bytes > options.maxBodyBytes) return problem(reply, 413, 'body_too_large', `request body exceeds ${options.maxBodyBytes} bytes`);
    const reservation = options.budget.reserve(bytes, 0);
    if (!reservation) {
      return problem(reply.header('retry-after', '1'), 503, 'overloaded', 'ingest is holding as much as it may; nothing was accepted, retry shortly');
    }
    const held = holds(request);
    held.reservations.push(reservation);
    reply.raw.once('close', () => {
      void Promise.allSettled(held.work).then(() => held.reservations.forEach((r) => r.release()));
    });
    return undefined;
  };
}
