"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SecretBox = void 0;
const node_crypto_1 = require("node:crypto");
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
class SecretBox {
    constructor(key) {
        this.key = key;
    }
    seal(plaintext, context) {
        const iv = (0, node_crypto_1.randomBytes)(IV_BYTES);
        const cipher = (0, node_crypto_1.createCipheriv)('aes-256-gcm', this.key(), iv);
        cipher.setAAD(Buffer.from(context, 'utf8'));
        const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
        return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    }
    /** Throws when the key or the context is wrong or the bytes were altered (GCM authenticates them). */
    open(sealed, context) {
        if (sealed[0] !== VERSION)
            throw new Error(`unknown sealed-secret version ${sealed[0]}`);
        const iv = sealed.subarray(1, 1 + IV_BYTES);
        const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
        const decipher = (0, node_crypto_1.createDecipheriv)('aes-256-gcm', this.key(), iv);
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    }
}
exports.SecretBox = SecretBox;
//# sourceMappingURL=secret-box.js.map