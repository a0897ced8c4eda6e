/** The sandbox test token the Try it console uses, kept for this browser tab only. */
const KEY = 'atlas.tryit.token';

export interface StoredToken {
  applicationId: string;
  applicationName: string;
  accessToken: string;
  expiresAt: number;
}

export function saveSandboxToken(token: StoredToken): void {
  sessionStorage.setItem(KEY, JSON.stringify(token));
}

export function loadSandboxToken(): StoredToken | undefined {
  try {
    const token = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as StoredToken | null;
    return token && token.expiresAt > Date.now() ? token : undefined;
  } catch {
    return undefined;
  }
}
