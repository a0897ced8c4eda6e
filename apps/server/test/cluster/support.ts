import { ServerProcess } from '../support/server-process.ts';

/** One `atlas serve --no-worker` node: its origin once the banner printed the port it got (PORT=0). */
export interface ApiNode {
  process: ServerProcess;
  origin: string;
}

export async function startApiNode(env: Record<string, string>): Promise<ApiNode> {
  const node = new ServerProcess(['serve', '--no-worker'], { ...env, PORT: '0', HOST: '127.0.0.1' });
  // The banner names the portal's URL (a path under the origin): the origin is what the API lives on.
  const [, portalUrl] = await node.waitForOutput(/API Store portal:\s+(http:\/\/\S+)\n/, 60_000);
  return { process: node, origin: new URL(portalUrl as string).origin };
}

export function startWorkerNode(env: Record<string, string>): ServerProcess {
  return new ServerProcess(['worker'], env);
}

export async function tokenFrom(origin: string, credentials: { consumer_key: string; consumer_secret: string }): Promise<string> {
  const response = await fetch(`${origin}/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${credentials.consumer_key}:${credentials.consumer_secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export async function statusOf(url: string, token: string, init: RequestInit = {}): Promise<number> {
  const response = await fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
  await response.arrayBuffer();
  return response.status;
}

/** Polls `probe` until it returns true; the elapsed milliseconds, or Infinity after `timeoutMs`. */
export async function msUntil(probe: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await probe()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Number.POSITIVE_INFINITY;
}

/** Waits until at least `marginMs` remain in the current minute, so a per-minute window cannot roll over mid-test. */
export async function awayFromMinuteBoundary(marginMs = 15_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 100));
}
