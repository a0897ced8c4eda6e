import { BenchmarkDefect } from './load.ts';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

/** One request with fetch, for the checks made before and after the load. */
export async function request(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON: the checks below say so.
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function expect(condition: unknown, what: string, answer?: Answer): asserts condition {
  if (!condition) throw new BenchmarkDefect(`check failed: ${what}${answer ? ` (HTTP ${answer.status}: ${answer.text.slice(0, 500)})` : ''}`);
}

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

export const FORM = 'application/x-www-form-urlencoded';
