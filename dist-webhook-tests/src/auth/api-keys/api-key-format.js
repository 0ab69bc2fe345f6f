"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.API_KEY_PREFIX = void 0;
exports.generateApiKey = generateApiKey;
exports.isWellFormedApiKey = isWellFormedApiKey;
exports.hashApiKey = hashApiKey;
const node_crypto_1 = require("node:crypto");
const node_zlib_1 = require("node:zlib");
/**
 * API key format: `crw_live_` + 43 base62 characters (32 random bytes) + 6 base62 characters of CRC-32.
 * The prefix makes a leaked key recognisable (secret scanners, logs); base62 survives double-click
 * selection; the checksum lets a typo or a guess be refused without touching the database.
 */
exports.API_KEY_PREFIX = 'crw_live_';
const SECRET_BYTES = 32;
const BODY_LENGTH = 43; // ceil(256 / log2(62))
const CHECKSUM_LENGTH = 6; // ceil(32 / log2(62))
const API_KEY_PATTERN = new RegExp(`^${exports.API_KEY_PREFIX}[0-9A-Za-z]{${BODY_LENGTH + CHECKSUM_LENGTH}}$`);
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function toBase62(value, length) {
    let text = '';
    for (let rest = value; rest > 0n; rest /= 62n)
        text = BASE62[Number(rest % 62n)] + text;
    return text.padStart(length, '0');
}
function checksumOf(body) {
    return toBase62(BigInt((0, node_zlib_1.crc32)(body)), CHECKSUM_LENGTH);
}
function generateApiKey() {
    const body = toBase62(BigInt(`0x${(0, node_crypto_1.randomBytes)(SECRET_BYTES).toString('hex')}`), BODY_LENGTH);
    const key = `${exports.API_KEY_PREFIX}${body}${checksumOf(body)}`;
    return { key, hash: hashApiKey(key), displayPrefix: key.slice(0, exports.API_KEY_PREFIX.length + 4) };
}
/** True when `candidate` has the shape and checksum of a key we issued; says nothing of whether it exists. */
function isWellFormedApiKey(candidate) {
    if (!API_KEY_PATTERN.test(candidate))
        return false;
    const body = candidate.slice(exports.API_KEY_PREFIX.length, exports.API_KEY_PREFIX.length + BODY_LENGTH);
    return candidate.slice(-CHECKSUM_LENGTH) === checksumOf(body);
}
/**
 * SHA-256, not a slow KDF: the key has 256 bits of entropy, so there is nothing to stretch, and
 * verification stays one hash and one index lookup per request.
 */
function hashApiKey(key) {
    return (0, node_crypto_1.createHash)('sha256').update(key, 'utf8').digest();
}
//# sourceMappingURL=api-key-format.js.map