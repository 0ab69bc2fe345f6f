"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ATTRIBUTION_COOKIE = void 0;
exports.signAttribution = signAttribution;
exports.verifyAttribution = verifyAttribution;
const node_crypto_1 = require("node:crypto");
exports.ATTRIBUTION_COOKIE = 'crw_ref';
/**
 * The attribution cookie's value: `<click id>.<issued at, epoch seconds>.<HMAC-SHA256, base64url>`.
 * Nothing in it is trusted unless the signature verifies, and it is refused after the attribution window
 * whatever the cookie's own expiry says (a client can keep a cookie as long as it likes).
 */
function signAttribution(clickId, issuedAt, secret) {
    const payload = `${clickId}.${Math.floor(issuedAt.getTime() / 1000)}`;
    return `${payload}.${signature(payload, secret)}`;
}
/** The click the token names, or null when it is malformed, tampered with, or older than `windowMs`. */
function verifyAttribution(token, secret, windowMs, now = new Date()) {
    const match = /^(\d{1,19})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match)
        return null;
    const [, clickId, issuedSeconds, presented] = match;
    const expected = Buffer.from(signature(`${clickId}.${issuedSeconds}`, secret));
    if (!(0, node_crypto_1.timingSafeEqual)(expected, Buffer.from(presented)))
        return null;
    const issuedAt = new Date(Number(issuedSeconds) * 1000);
    const age = now.getTime() - issuedAt.getTime();
    if (age < -60_000 || age > windowMs)
        return null;
    return { clickId, issuedAt };
}
function signature(payload, secret) {
    return (0, node_crypto_1.createHmac)('sha256', secret).update(`attribution:${payload}`).digest('base64url');
}
//# sourceMappingURL=attribution-cookie.js.map