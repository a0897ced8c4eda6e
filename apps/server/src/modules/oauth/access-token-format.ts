import { ID_PREFIXES } from '../../platform/ids.ts';
import { hashSecret, randomSecretText } from '../../platform/secrets.ts';

/**
 * Access tokens are split tokens: `atk_<row id>.<secret>`. The row id (time-ordered, not secret) finds the row by its
 * primary key, so issuing a token only appends to indexes; the SHA-256 of the whole token, stored with the row, is
 * what proves it. Without the secret an id is worth nothing, and the `atk_` prefix keeps leaked tokens easy to scan for.
 */
const ROW_ID_PREFIX = `${ID_PREFIXES.accessToken}_`;
const SPLIT_TOKEN = /^atk_([0-9a-z]{26})\.[A-Za-z0-9_-]{43}$/;

/** What a presented access token is looked up by: its row id (null for tokens issued before split tokens) and its hash. */
export interface PresentedAccessToken {
  tokenId: string | null;
  tokenHash: string;
}

export function newAccessToken(tokenId: string): string {
  if (!tokenId.startsWith(ROW_ID_PREFIX)) throw new Error(`not an access token id: ${tokenId}`);
  return `atk_${tokenId.slice(ROW_ID_PREFIX.length)}.${randomSecretText()}`;
}

export function presentedAccessToken(token: string): PresentedAccessToken {
  const match = SPLIT_TOKEN.exec(token);
  return { tokenId: match ? ROW_ID_PREFIX + match[1] : null, tokenHash: hashSecret(token) };
}
