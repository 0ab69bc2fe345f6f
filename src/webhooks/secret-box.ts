import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bumped if the layout ever changes, so old rows stay readable. */
const VERSION = 1;

/**
 * Webhook signing secrets must be usable (we sign with them), so they are encrypted, not hashed: AES-256-GCM
 * with the key from WEBHOOK_SECRET_KEY, a random 96-bit IV per secret, and the endpoint id as additional
 * authenticated data (a ciphertext copied onto another endpoint's row does not decrypt).
 * Layout: version (1 byte) | IV (12) | tag (16) | ciphertext.
 */
export class SecretBox {
  constructor(private readonly key: () => Buffer) {}

  seal(plaintext: string, context: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(), iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  /** Throws when the key or the context is wrong or the bytes were altered (GCM authenticates them). */
  open(sealed: Buffer, context: string): string {
    if (sealed[0] !== VERSION) throw new Error(`unknown sealed-secret version ${sealed[0]}`);
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key(), iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
