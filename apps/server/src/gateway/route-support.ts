import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AtlasConfig } from '../config.ts';
import type { PartnerScope } from '../platform/context.ts';
import type { IdempotentResult } from '../platform/idempotency/idempotency.ts';
import { Problem, PsiError } from './error-responses.ts';
import { actorOf } from './principal.ts';
import { requirePrincipal } from './require-principal.ts';
import type { ApiVersion } from './route-config.ts';

/** What routes hand to services: account and environment from the token (v1's path code is already bound), and the audit actor. */
export function callerOf(request: FastifyRequest): PartnerScope {
  const principal = requirePrincipal(request);
  return { accountId: principal.accountId, environment: principal.environment, actor: actorOf(principal) };
}

/** Documents a route's own error answers in its version's wire format (problem+json for v2, PSI model for v1). */
export function errorResponses(version: ApiVersion, answers: Partial<Record<number, string>>): Record<number, unknown> {
  const body = version === 'v1' ? PsiError : Problem;
  return Object.fromEntries(Object.entries(answers).map(([status, description]) => [status, { ...body, description }]));
}

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      description:
        'Makes retries safe: the same key and body replay the first answer (with `Idempotent-Replayed: true`); the same key with another body answers 422.',
      examples: ['5f0c2a9e-7d1b-4c39-9a53-1f6f0e2f8c11'],
    }),
  ),
});

/** Sends the answer of an idempotent create: its status, `Idempotent-Replayed` on a replay, and `Location` when given. */
export function sendIdempotent<T>(reply: FastifyReply, result: IdempotentResult<T>, location?: string): FastifyReply {
  if (result.replayed) reply.header('Idempotent-Replayed', 'true');
  if (location) reply.header('Location', location);
  return reply.code(result.status).send(result.body);
}

/** The origin partners reach us at: ATLAS_PUBLIC_URL, else what the request says (Host, and the proxy's proto). */
export function publicOrigin(config: AtlasConfig, request: FastifyRequest): string {
  return config.publicUrl ?? `${request.protocol}://${request.host}`;
}

/**
 * preValidation for operations whose body is optional (void, expire, rotate-secret…): a bodiless POST reads as `{}`,
 * so the body schema's defaults apply instead of "body must be object".
 */
export async function absentBodyIsEmpty(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {};
}
