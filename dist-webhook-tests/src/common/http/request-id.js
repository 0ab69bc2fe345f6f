"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.REQUEST_ID_HEADER = void 0;
exports.requestIdFor = requestIdFor;
const node_crypto_1 = require("node:crypto");
exports.REQUEST_ID_HEADER = 'x-request-id';
/** A caller's id is kept only when it is short and plain, so it is safe to log and echo back. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Fastify's `genReqId`: the caller's well-formed X-Request-Id, or a new UUID. */
function requestIdFor(request) {
    const header = request.headers[exports.REQUEST_ID_HEADER];
    return typeof header === 'string' && WELL_FORMED_REQUEST_ID.test(header) ? header : (0, node_crypto_1.randomUUID)();
}
//# sourceMappingURL=request-id.js.map