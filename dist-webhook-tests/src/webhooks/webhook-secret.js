"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SECRET_PREFIX = void 0;
exports.generateWebhookSecret = generateWebhookSecret;
exports.signatureHeader = signatureHeader;
const node_crypto_1 = require("node:crypto");
/** Standard Webhooks: a secret is `whsec_` + base64 of 24 to 64 random bytes; we use 32. */
exports.SECRET_PREFIX = 'whsec_';
function generateWebhookSecret() {
    return exports.SECRET_PREFIX + (0, node_crypto_1.randomBytes)(32).toString('base64');
}
function secretKey(secret) {
    return Buffer.from(secret.startsWith(exports.SECRET_PREFIX) ? secret.slice(exports.SECRET_PREFIX.length) : secret, 'base64');
}
/**
 * The `webhook-signature` header value as Standard Webhooks defines it: for each secret, `v1,` + base64 of
 * HMAC-SHA256(key, `${id}.${timestampSeconds}.${body}`), space-separated. During a rotation's overlap both the
 * new and the previous secret sign, so receivers still holding the old secret keep verifying.
 */
function signatureHeader(secrets, id, timestampSeconds, body) {
    return secrets
        .map((secret) => `v1,${(0, node_crypto_1.createHmac)('sha256', secretKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`)
        .join(' ');
}
//# sourceMappingURL=webhook-secret.js.map