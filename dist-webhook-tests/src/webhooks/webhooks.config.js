"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.webhooksConfigFrom = webhooksConfigFrom;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const environment_1 = require("../config/environment");
const target_policy_1 = require("./target-policy");
/**
 * The development default for WEBHOOK_SECRET_KEY: 32 random bytes kept beside the embedded database's data
 * directory (mode 0600), created by the first process that needs it ('wx': two processes racing both end up
 * reading the winner's key). Survives restarts, so stored secrets stay decryptable.
 */
function keyFromFile(file) {
    try {
        (0, node_fs_1.mkdirSync)((0, node_path_1.dirname)(file), { recursive: true });
        (0, node_fs_1.writeFileSync)(file, `${(0, node_crypto_1.randomBytes)(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    }
    catch (error) {
        if (error.code !== 'EEXIST')
            throw error;
    }
    const key = Buffer.from((0, node_fs_1.readFileSync)(file, 'utf8').trim(), 'base64');
    if (key.length !== 32)
        throw new Error(`${file} does not hold a base64 32-byte key: delete it or set WEBHOOK_SECRET_KEY`);
    return key;
}
function webhooksConfigFrom(env) {
    if (env.WEBHOOK_LEASE_MS < env.WEBHOOK_TIMEOUT_MS + 1_000) {
        throw new environment_1.ConfigValidationError([
            `WEBHOOK_LEASE_MS=${env.WEBHOOK_LEASE_MS}: must exceed WEBHOOK_TIMEOUT_MS (${env.WEBHOOK_TIMEOUT_MS}) by at least 1000, ` +
                'or a slow attempt could be claimed again while it is still being sent',
        ]);
    }
    const generatedKeyFile = env.WEBHOOK_SECRET_KEY ? undefined : `${(0, node_path_1.resolve)(env.EMBEDDED_PG_DIR)}.webhook-key`;
    let key = env.WEBHOOK_SECRET_KEY ? Buffer.from(env.WEBHOOK_SECRET_KEY, 'base64') : undefined;
    return {
        secretKey: () => (key ??= keyFromFile(generatedKeyFile)),
        generatedKeyFile,
        allowedHosts: new target_policy_1.AllowedHosts((env.WEBHOOK_ALLOWED_HOSTS ?? '').split(',')),
        workerEnabled: env.WEBHOOK_WORKER_ENABLED,
        pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS,
        timeoutMs: env.WEBHOOK_TIMEOUT_MS,
        leaseMs: env.WEBHOOK_LEASE_MS,
        retry: { baseDelayMs: env.WEBHOOK_RETRY_BASE_MS, maxDelayMs: env.WEBHOOK_RETRY_MAX_DELAY_MS },
    };
}
//# sourceMappingURL=webhooks.config.js.map