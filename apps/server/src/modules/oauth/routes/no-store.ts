import type { FastifyReply } from 'fastify';

/** RFC 6749 §5.1: token responses must not be cached. */
export function sendNoStore<T>(reply: FastifyReply, body: T): FastifyReply {
  return reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache').send(body);
}
