"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.freePort = freePort;
const node_net_1 = require("node:net");
/** A TCP port free on 127.0.0.1 right now (the OS picks it); for servers that tests and benchmarks start. */
async function freePort() {
    return new Promise((resolve, reject) => {
        const probe = (0, node_net_1.createServer)();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const address = probe.address();
            probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
        });
    });
}
//# sourceMappingURL=free-port.js.map