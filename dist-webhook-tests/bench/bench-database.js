"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startBenchDatabase = startBenchDatabase;
const promises_1 = require("node:fs/promises");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const pg_1 = require("pg");
const embedded_postgres_1 = require("../src/database/embedded-postgres");
const free_port_1 = require("../test/support/free-port");
/**
 * A scratch database for a benchmark run: a new database on DATABASE_URL's server (dropped afterwards), or a
 * fresh embedded PostgreSQL in a temporary directory, so a run never touches anyone's data.
 */
async function startBenchDatabase() {
    const external = process.env.DATABASE_URL;
    if (external) {
        const name = `bench_${Date.now()}`;
        const onServer = async (sql) => {
            const admin = new pg_1.Client({ connectionString: external });
            await admin.connect();
            try {
                await admin.query(sql);
            }
            finally {
                await admin.end();
            }
        };
        await onServer(`CREATE DATABASE ${name}`);
        const url = new URL(external);
        url.pathname = `/${name}`;
        return { url: url.toString(), stop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
    }
    const parent = await (0, promises_1.mkdtemp)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'crawlora-bench-'));
    await (0, promises_1.chmod)(parent, 0o755); // as root, PostgreSQL runs as `postgres`, which must reach the data directory
    const server = await (0, embedded_postgres_1.startEmbeddedPostgres)({
        dataDir: (0, node_path_1.join)(parent, 'data'),
        port: await (0, free_port_1.freePort)(),
        // Room for a 10M-row load: bigger caches and fewer checkpoints than the development defaults.
        settings: ['-c', 'shared_buffers=1GB', '-c', 'max_wal_size=8GB', '-c', 'checkpoint_timeout=30min', '-c', 'maintenance_work_mem=512MB'],
    });
    return {
        url: server.url,
        stop: async () => {
            await server.stop();
            await (0, promises_1.rm)(parent, { recursive: true, force: true });
        },
    };
}
//# sourceMappingURL=bench-database.js.map