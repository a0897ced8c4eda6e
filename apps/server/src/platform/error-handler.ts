import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorFormat, errorFormatOf } from '../gateway/route-config.ts';
import { AppError, errorDefinition, PlatformErrors, type ValidationIssue } from './errors.ts';

/** PSI's v1 error model uses a short code in `error`; we name it after the HTTP status (the descriptions carry the detail). */
const PSI_ERROR_BY_STATUS: Record<number, string> = {
  400: 'invalid_request',
  401: 'invalid_token',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'too_many_requests',
};

function validationIssues(error: FastifyError): ValidationIssue[] {
  const part = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body');
  return (error.validation ?? []).map((issue) => {
    const params = issue.params as Record<string, unknown>;
    const missing = typeof params?.missingProperty === 'string' ? `/${params.missingProperty}` : '';
    const extra = typeof params?.additionalProperty === 'string' ? `/${params.additionalProperty}` : '';
    return { pointer: `/${part}${issue.instancePath}${missing}${extra}`, message: issue.message ?? 'is invalid' };
  });
}

/** Turns anything thrown into an AppError; unknown errors become INTERNAL_ERROR and keep their cause for the log. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const errors = validationIssues(fastifyError);
    return new AppError(PlatformErrors.VALIDATION_FAILED, errors.map((e) => `${e.pointer} ${e.message}`).join('; '), { errors });
  }
  switch (fastifyError.statusCode) {
    case 400:
      if (fastifyError.code === 'FST_ERR_BAD_URL')
        return new AppError(PlatformErrors.BAD_REQUEST, 'the URL is not valid (bad percent-encoding)', { cause: error });
      return new AppError(
        PlatformErrors.BAD_REQUEST,
        fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'the body is empty' : 'the body is not valid JSON',
        { cause: error },
      );
    case 404:
      return new AppError(PlatformErrors.NOT_FOUND);
    case 405:
      return new AppError(PlatformErrors.METHOD_NOT_ALLOWED);
    case 413:
      return new AppError(PlatformErrors.PAYLOAD_TOO_LARGE);
    case 414:
      return new AppError(PlatformErrors.URI_TOO_LONG);
    case 415:
      return new AppError(PlatformErrors.UNSUPPORTED_MEDIA_TYPE, `Content-Type ${fastifyError.message.replace(/^.*: /, '')} is not accepted here`);
    default:
      return new AppError(PlatformErrors.INTERNAL_ERROR, undefined, { cause: error });
  }
}

export function errorBody(error: AppError, format: ErrorFormat, requestId: string): { contentType: string; body: Record<string, unknown> } {
  const definition = errorDefinition(error.code);
  // 5xx answers never carry internal messages: the log has them, with this request id.
  const detail = error.status >= 500 ? `${definition.title}. Quote request id ${requestId} to support.` : (error.detail ?? definition.title);
  if (format === 'oauth') {
    const oauthError = definition.oauth ?? (error.status >= 500 ? 'server_error' : error.status === 401 ? 'invalid_client' : 'invalid_request');
    return { contentType: 'application/json; charset=utf-8', body: { error: oauthError, error_description: detail } };
  }
  if (format === 'psi') {
    const psi = error.options.psi ?? { error: PSI_ERROR_BY_STATUS[error.status] ?? 'server_error', error_description: detail };
    return { contentType: 'application/json; charset=utf-8', body: psi };
  }
  return {
    contentType: 'application/problem+json; charset=utf-8',
    body: {
      type: `/docs/errors#${error.code}`,
      title: definition.title,
      status: error.status,
      detail,
      code: error.code,
      request_id: requestId,
      ...(error.options.errors ? { errors: error.options.errors } : {}),
    },
  };
}

/**
 * The error model of the route that answered; a request no route took (unknown path, malformed URL, over-long
 * parameter) is answered in the model of the API its path belongs to: PSI under `/<service>/v1/`, RFC 6749 on the
 * Token API, problem+json elsewhere.
 */
function formatOf(request: FastifyRequest): ErrorFormat {
  let config: Parameters<typeof errorFormatOf>[0];
  try {
    config = request.is404 ? undefined : request.routeOptions?.config;
  } catch {
    config = undefined; // framework errors arrive on a request without a route context
  }
  if (config?.gateway || config?.errorFormat) return errorFormatOf(config);
  const path = request.raw.url ?? '';
  if (/^\/[a-z-]+\/v1(\/|$|\?)/.test(path)) return 'psi';
  if (/^\/(oauth2\/(token|revoke|introspect)|token|revoke)(\/|$|\?)/.test(path)) return 'oauth';
  return 'problem';
}

export function sendError(request: FastifyRequest, reply: FastifyReply, thrown: unknown): FastifyReply {
  const error = toAppError(thrown);
  if (error.status >= 500) request.log.error({ err: error.options.cause ?? thrown, code: error.code }, 'request failed');
  const format = formatOf(request);
  const { contentType, body } = errorBody(error, format, String(request.id));
  if (format === 'oauth') reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
  return reply
    .code(error.status)
    .headers(error.options.headers ?? {})
    .type(contentType)
    .send(body);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, new AppError(PlatformErrors.NOT_FOUND, `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
