"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const fastify_1 = __importDefault(require("fastify"));
/**
 * The reference point of the HTTP benchmark: a bare Fastify route (no Nest, no auth, no validation, no
 * database) answering the very JSON the stats endpoint answered, serialized per request as any route would.
 * Its own process, like the service, so neither shares the load generator's event loop.
 */
process.once('message', (message) => {
    const app = (0, fastify_1.default)({ logger: false });
    app.get('/api/v1/bench/stats-bare', async () => message.body);
    app
        .listen({ port: 0, host: '127.0.0.1' })
        .then(() => {
        const address = app.server.address();
        if (typeof address !== 'object' || address === null)
            throw new Error('not listening');
        process.send?.({ port: address.port });
    })
        .catch((error) => {
        console.error(error);
        process.exit(1);
    });
    process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
});
//# sourceMappingURL=bare-server.js.map