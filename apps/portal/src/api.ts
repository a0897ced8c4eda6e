/** The portal's JSON API client: same-origin fetch, session cookie sent by the browser, CSRF token in a header. */
export type Realm = 'store' | 'admin';

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  code?: string;
  errors?: { pointer: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

let onSignedOut: (() => void) | undefined;
export function whenSignedOut(callback: () => void): void {
  onSignedOut = callback;
}

export async function api<T>(realm: Realm, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/${realm}/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => ({ status: response.status, title: response.statusText }));
  if (!response.ok) {
    if (response.status === 401 && path !== '/session') onSignedOut?.();
    throw new ApiError(data as Problem);
  }
  return data as T;
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    const { problem } = error;
    if (problem.errors?.length) return problem.errors.map((e) => `${e.pointer.replace(/^\/body\//, '')}: ${e.message}`).join('; ');
    return problem.detail ?? problem.title;
  }
  return error instanceof Error ? error.message : String(error);
}

export interface SessionInfo {
  realm: Realm;
  username: string;
  must_change_password: boolean;
  csrf_token: string;
  account?: { account_code: string; name: string; roles: string[] };
}
