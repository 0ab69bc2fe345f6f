"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_RESPONSE_BYTES = void 0;
exports.checkTarget = checkTarget;
exports.sendWebhook = sendWebhook;
const promises_1 = require("node:dns/promises");
const node_http_1 = require("node:http");
const node_https_1 = require("node:https");
const node_net_1 = require("node:net");
const target_policy_1 = require("./target-policy");
/** Only the status matters; a receiver's body is read up to this much (then the connection is dropped). */
exports.MAX_RESPONSE_BYTES = 64 * 1024;
/** The URL's host without IPv6 brackets. */
function bareHost(url) {
    return url.hostname.replace(/^\[(.*)\]$/, '$1');
}
/** Resolves a target and judges it: every address it resolves to must be allowed. Used at creation and delivery. */
async function checkTarget(url, allowed) {
    const host = bareHost(url);
    let addresses;
    if ((0, node_net_1.isIP)(host) !== 0) {
        addresses = [{ address: host, family: (0, node_net_1.isIP)(host) }];
    }
    else {
        addresses = await (0, promises_1.lookup)(host, { all: true, verbatim: true }).catch(() => []);
    }
    const refusal = (0, target_policy_1.targetRefusal)(url, addresses.map((entry) => entry.address), allowed);
    return refusal === null ? { refusal, address: addresses[0].address, family: addresses[0].family } : { refusal };
}
/**
 * One delivery attempt, safe against SSRF: the host is resolved and checked here, and the connection goes to
 * exactly the address that was checked (a `lookup` that answers only that address), so a DNS answer that
 * changes between check and connect (rebinding) cannot redirect it. TLS still verifies the certificate for the
 * URL's host name (SNI and Host come from the URL). Redirects are not followed (a 3xx is a failed attempt), the
 * whole attempt is bounded by `timeoutMs`, and at most MAX_RESPONSE_BYTES of the response are read.
 */
async function sendWebhook(target, body, headers, options) {
    const url = new URL(target);
    const checked = await checkTarget(url, options.allowed);
    if (checked.refusal !== null)
        return { kind: 'blocked', error: checked.refusal };
    const pinned = (_hostname, lookupOptions, callback) => {
        if (lookupOptions.all) {
            callback(null, [
                { address: checked.address, family: checked.family },
            ]);
        }
        else {
            callback(null, checked.address, checked.family);
        }
    };
    const send = url.protocol === 'https:' ? node_https_1.request : node_http_1.request;
    return new Promise((resolve) => {
        let settled = false;
        const finish = (outcome) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(deadline);
            resolve(outcome);
        };
        const req = send(url, {
            method: 'POST',
            agent: false,
            lookup: pinned,
            headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        }, (res) => {
            const status = res.statusCode ?? 0;
            let received = 0;
            res.on('data', (chunk) => {
                received += chunk.length;
                if (received > exports.MAX_RESPONSE_BYTES) {
                    finish({ kind: 'response', status });
                    res.destroy();
                }
            });
            res.on('end', () => finish({ kind: 'response', status }));
            res.on('error', () => finish({ kind: 'response', status }));
        });
        const deadline = setTimeout(() => {
            finish({ kind: 'network_error', error: `timed out after ${options.timeoutMs} ms` });
            req.destroy();
        }, options.timeoutMs);
        req.on('error', (error) => finish({ kind: 'network_error', error: error.code ?? error.message }));
        req.end(body);
    });
}
//# sourceMappingURL=webhook-sender.js.map