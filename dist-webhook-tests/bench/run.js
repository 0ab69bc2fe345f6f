"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const promises_1 = require("node:fs/promises");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_util_1 = require("node:util");
const core_1 = require("@nestjs/core");
const app_module_1 = require("../src/app.module");
const app_config_1 = require("../src/config/app-config");
const bench_database_1 = require("./bench-database");
const dataset_1 = require("./dataset");
const http_bench_1 = require("./http.bench");
const stats_queries_1 = require("./stats-queries");
/**
 * `npm run bench [-- --size small|full]`: builds a referral program's history in a scratch PostgreSQL
 * (full: 10M clicks, 1M referrals, 200 campaigns over 400 days), then measures in the same run
 *   1. the stats query per window class beside a plain COUNT of the same window,
 *   2. HTTP throughput and latency at 50 connections over many keys of mixed plans: a bare Fastify route,
 *      the stats endpoint unmetered and fully metered, with the ratios,
 *   3. the service's peak RSS,
 * prints the tables and writes bench/results/latest.json. `small` is for CI: it keeps the benchmark working.
 */
const HTTP_SETTINGS = {
    small: { seconds: 3, rounds: 2, connections: 50, keys: 200 },
    full: { seconds: 5, rounds: 3, connections: 50, keys: 1000 },
};
async function main() {
    // --http defaults to --size; `--size small --http full` measures HTTP in full without the long data load
    // (the stats endpoint reads rollups, so its cost does not depend on the data size).
    const { values } = (0, node_util_1.parseArgs)({ options: { size: { type: 'string', default: 'full' }, http: { type: 'string' } } });
    const sizeName = values.size;
    const httpSize = (values.http ?? sizeName);
    const size = dataset_1.DATASET_SIZES[sizeName];
    if (!size || !HTTP_SETTINGS[httpSize])
        throw new Error('--size and --http must each be small or full');
    // Plain stdout: creating Nest contexts below resets Nest's logger to errors only.
    const log = (line) => console.log(`[bench] ${line}`);
    const database = await (0, bench_database_1.startBenchDatabase)();
    try {
        log(`Migrating the scratch database`);
        const context = await core_1.NestFactory.createApplicationContext(app_module_1.AppModule.forRoot(app_config_1.AppConfig.fromEnvironment({ DATABASE_URL: database.url, LOG_LEVEL: 'error' })), { logger: ['error'] });
        await context.close();
        log(`Building the ${sizeName} dataset: ${size.clicks.toLocaleString('en')} clicks, ${size.referrals.toLocaleString('en')} referrals`);
        const datasetSeconds = await (0, dataset_1.buildDataset)(database.url, size, log);
        log('Measuring the stats query per window class');
        const queries = await (0, stats_queries_1.benchStatsQueries)(database.url, size, sizeName === 'full' ? 300 : 100);
        log('Measuring HTTP: bare Fastify, stats unmetered, stats metered');
        const http = await (0, http_bench_1.runHttpBench)({ databaseUrl: database.url, ...HTTP_SETTINGS[httpSize], log });
        const result = {
            generatedAt: new Date().toISOString(),
            machine: { cpus: (0, node_os_1.cpus)().length, cpuModel: (0, node_os_1.cpus)()[0]?.model, memoryGiB: Math.round((0, node_os_1.totalmem)() / 2 ** 30), node: process.version },
            size: sizeName,
            httpSize,
            dataset: { ...size, loadSeconds: Math.round(datasetSeconds) },
            statsQueries: queries,
            http,
        };
        printQueries(queries);
        console.log(`\nHTTP at ${http.options.connections} connections over ${http.options.keys} keys (medians of ${http.options.rounds} rounds):`);
        console.table((0, http_bench_1.httpBenchRows)(http));
        console.log(`metered/unmetered x${http.ratios.meteredToUnmetered}, metered/bare x${http.ratios.meteredToBare}, ` +
            `service peak RSS ${http.serviceRss.peakMb} MB`);
        await (0, promises_1.mkdir)((0, node_path_1.join)(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
        const file = (0, node_path_1.join)(__dirname, '..', '..', 'bench', 'results', 'latest.json');
        await (0, promises_1.writeFile)(file, `${JSON.stringify(result, null, 2)}\n`);
        log(`Wrote ${file}`);
    }
    finally {
        await database.stop();
    }
}
function printQueries(results) {
    const rows = results.map((result) => ({
        window: result.windowClass + (result.campaign ? ', one campaign' : ''),
        'rollup p50 ms': result.rollupMs.p50,
        'rollup p95 ms': result.rollupMs.p95,
        'rollup p99 ms': result.rollupMs.p99,
        'raw COUNT p50 ms': result.rawCountMs.p50,
        'raw COUNT p95 ms': result.rawCountMs.p95,
    }));
    console.log('\nStats query latency (database time + one loopback round trip):');
    console.table(rows);
}
main().catch((error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
});
//# sourceMappingURL=run.js.map