import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets we must read back (receiver credentials, webhook signing keys), with the key from
 * ATLAS_ENCRYPTION_KEY. Stored form: `v1.<iv>.<tag>.<ciphertext>` (base64url) — the version allows a key rotation later.
 * The associated data binds a ciphertext to its row and column, so one cannot be copied into another endpoint.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  /** A keyed digest that tells equal values apart without revealing them (a plain hash of a password is guessable). */
  fingerprint(value: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  // A separate key for fingerprints, derived so the encryption key is never used for two purposes.
  const fingerprintKey = createHmac('sha256', key).update('atlas fingerprint key').digest();
  return {
    fingerprint: (value) => createHmac('sha256', fingerprintKey).update(value).digest('base64url'),
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    open(sealed, context) {
      const [version, iv, tag, ciphertext] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
