import { AtlasNetworkError, AtlasTimeoutError } from './errors.js';

/** An answer read to the end within the attempt's timeout. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Why our own controller aborted: the per-attempt timeout (as opposed to the caller's signal). */
const TIMEOUT = Symbol('atlas-timeout');

/**
 * One HTTP exchange, headers and body, under a per-attempt timeout and the caller's AbortSignal. Rejects with
 * AtlasTimeoutError, AtlasNetworkError, or the caller's abort reason as is.
 */
export async function exchange(fetchImpl: FetchLike, url: string, init: RequestInit, timeoutMs: number, signal?: AbortSignal): Promise<RawAnswer> {
  signal?.throwIfAborted();
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(TIMEOUT), timeoutMs);
  try {
    const response = await fetchImpl(url, { ...init, signal: controller.signal });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    if (controller.signal.aborted) {
      if (controller.signal.reason === TIMEOUT) throw new AtlasTimeoutError(timeoutMs, url);
      throw controller.signal.reason;
    }
    throw new AtlasNetworkError(url, error);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves like `promise`, but rejects with the signal's reason when it aborts first (the promise carries on). */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** JSON when the answer says so (or looks like it), else the text; undefined for an empty body. */
export function parseBody(answer: RawAnswer): unknown {
  if (answer.text === '') return undefined;
  const type = answer.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(answer.text);
    } catch {
      return answer.text;
    }
  }
  return answer.text;
}
