"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.redactSecrets = redactSecrets;
/**
 * Credentials that must never reach a log line, even when they end up inside an error message or a URL:
 * our API keys (recognisable by their prefix) and JWTs (three base64url parts, the first a JSON header).
 */
const API_KEY = /crw_live_[0-9A-Za-z]{4,}/g;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const BEARER = /(bearer\s+)[^\s"',;]+/gi;
function redactSecrets(text) {
    return text.replace(API_KEY, 'crw_live_[REDACTED]').replace(JWT, '[REDACTED_JWT]').replace(BEARER, '$1[REDACTED]');
}
//# sourceMappingURL=redact.js.map