"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const typeorm_1 = require("typeorm");
const app_factory_1 = require("../src/app.factory");
const api_keys_service_1 = require("../src/auth/api-keys/api-keys.service");
const app_config_1 = require("../src/config/app-config");
const demo_seed_service_1 = require("../src/demo/demo-seed.service");
const bench_routes_module_1 = require("./bench-routes.module");
/**
 * The service under test, in its own process so the load generator does not share its event loop. Creates
 * BENCH_ACCOUNTS accounts, each with a key, on BENCH_PLAN (a comma-separated list gives a mix, assigned
 * round-robin): the load is spread over them, as real traffic is spread over customers, so no single
 * account's rate limit refuses the benchmark's requests. The demo data is seeded only into an empty database
 * (a database that already holds the benchmark's dataset is left as it is).
 */
async function main() {
    const config = app_config_1.AppConfig.fromEnvironment({ ...process.env, LOG_LEVEL: 'error', DEMO_SEED: 'false' });
    const app = await (0, app_factory_1.createApp)(config, [bench_routes_module_1.BenchRoutesModule]);
    await app.get(demo_seed_service_1.DemoSeedService).seedIfEmpty();
    const db = app.get(typeorm_1.DataSource);
    const accounts = Number(process.env.BENCH_ACCOUNTS ?? 100);
    const plans = (process.env.BENCH_PLAN ?? 'enterprise').split(',');
    const apiKeys = [];
    for (let i = 0; i < accounts; i++) {
        const [{ id }] = await db.query(`INSERT INTO accounts (email, plan) VALUES ($1, $2) RETURNING id`, [
            `bench-${i}-${Date.now()}@example.com`,
            plans[i % plans.length],
        ]);
        apiKeys.push((await app.get(api_keys_service_1.ApiKeysService).create(id, { name: 'bench' })).key);
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    if (typeof address !== 'object' || address === null)
        throw new Error('not listening');
    process.send?.({ port: address.port, apiKeys });
    // As main.ts does: stop accepting and drain first, then close the app (which lets pending settlements finish).
    process.once('SIGTERM', () => {
        app.getHttpServer().close(() => void app.close().then(() => process.exit(0)));
    });
}
main().catch((error) => {
    console.error(error);
    process.exit(1);
});
//# sourceMappingURL=bench-server.js.map