"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.installSecurityHeaders = installSecurityHeaders;
/**
 * Helmet's defaults that matter for a JSON API, on every response. Responses are data, never a page to
 * render: a strict CSP, no framing, no MIME sniffing, no referrer. Pages (Swagger UI, /console) set a CSP of
 * their own, which is kept.
 */
const HEADERS = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'x-dns-prefetch-control': 'off',
    'x-permitted-cross-domain-policies': 'none',
    'origin-agent-cluster': '?1',
    'strict-transport-security': 'max-age=15552000; includeSubDomains',
};
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** Swagger UI's bundle styles itself inline; everything else it needs comes from this service. */
const DOCS_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
function installSecurityHeaders(fastify) {
    fastify.addHook('onSend', async (request, reply, payload) => {
        for (const [name, value] of Object.entries(HEADERS)) {
            if (!reply.hasHeader(name))
                reply.header(name, value);
        }
        if (!reply.hasHeader('content-security-policy')) {
            const isDocs = request.url === '/docs' || request.url.startsWith('/docs/') || request.url.startsWith('/docs?');
            reply.header('content-security-policy', isDocs ? DOCS_CONTENT_SECURITY_POLICY : API_CONTENT_SECURITY_POLICY);
        }
        return payload;
    });
}
//# sourceMappingURL=security-headers.js.map