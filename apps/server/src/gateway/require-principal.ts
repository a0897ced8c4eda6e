import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal.ts';

/** The principal the gateway attached; a route without `config.gateway` calling this is a programming error. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`route ${request.routeOptions.url} reads a principal but declares no gateway`);
  return request.principal;
}
