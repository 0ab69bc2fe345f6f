"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CONSOLE_PATH = void 0;
exports.setupConsole = setupConsole;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
/** Where the funnel page is served: outside /api/v1, it is a page for people, not an API route. */
exports.CONSOLE_PATH = '/console';
/**
 * Everything the page loads comes from this service, and it only calls this service's API. No inline script or
 * style is allowed, so an injected `<script>` or `on…=` attribute would not run.
 */
const CONTENT_SECURITY_POLICY = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
].join('; ');
/**
 * tsc copies no assets into dist/, so the sources (tests) and the build (dist/src/console) both serve the files
 * from src/console/public: the nearest ancestor directory that holds them.
 */
function assetsRoot() {
    for (let dir = __dirname;; dir = (0, node_path_1.dirname)(dir)) {
        const candidate = (0, node_path_1.join)(dir, 'src', 'console', 'public');
        if ((0, node_fs_1.existsSync)((0, node_path_1.join)(candidate, 'index.html')))
            return candidate;
        if ((0, node_path_1.dirname)(dir) === dir)
            throw new Error(`The console's assets (src/console/public) were not found above ${__dirname}`);
    }
}
/** The admin funnel page at /console: static HTML, CSS and JavaScript that call the public API. */
function setupConsole(app) {
    app.useStaticAssets({
        root: assetsRoot(),
        prefix: exports.CONSOLE_PATH,
        // Swagger UI registers @fastify/static too; only one registration may decorate the reply.
        decorateReply: false,
        // /console redirects to /console/, so the page's relative asset URLs resolve under it.
        redirect: true,
        // @fastify/static 10 passes the Fastify reply; Nest's option type still describes the raw response.
        setHeaders(response) {
            const reply = response;
            reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
            reply.header('x-content-type-options', 'nosniff');
            reply.header('referrer-policy', 'no-referrer');
            // The page is small and changes with deployments: always revalidate (the ETag keeps that cheap).
            reply.header('cache-control', 'no-cache');
        },
    });
}
//# sourceMappingURL=console.js.map