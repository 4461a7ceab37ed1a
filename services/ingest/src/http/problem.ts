import type { FastifyReply } from 'fastify';

/** Every error answer has one shape: a stable code to branch on and a message that says what to fix. */
export const problem = (reply: FastifyReply, status: number, code: string, message: string, details?: unknown) =>
  reply.code(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
