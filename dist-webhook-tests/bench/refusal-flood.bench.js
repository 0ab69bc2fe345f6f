"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * What counting refusals costs on a 429 flood: the same flood (one free account, every request refused as
 * rate_limited) with the usage counters recording, and with them switched off, in alternating rounds on one
 * service, so the machine's noise hits both alike. Prints req/s per round, medians with min–max, and the
 * database writes the counters made.
 *
 *   npm run build && node dist/bench/refusal-flood.bench.js [--rounds 3] [--seconds 3]
 */
const common_1 = require("@nestjs/common");
const autocannon_1 = __importDefault(require("autocannon"));
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const typeorm_1 = require("typeorm");
const app_factory_1 = require("../src/app.factory");
const auth_decorator_1 = require("../src/auth/auth.decorator");
const api_keys_service_1 = require("../src/auth/api-keys/api-keys.service");
const credits_decorator_1 = require("../src/billing/credits.decorator");
const metering_service_1 = require("../src/billing/metering.service");
const app_config_1 = require("../src/config/app-config");
const usage_counter_recorder_1 = require("../src/usage-history/usage-counter.recorder");
const bench_database_1 = require("./bench-database");
let FloodController = class FloodController {
    ok() {
        return { ok: true };
    }
};
__decorate([
    (0, common_1.Get)(),
    (0, auth_decorator_1.Auth)(),
    (0, credits_decorator_1.Credits)(1),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Object)
], FloodController.prototype, "ok", null);
FloodController = __decorate([
    (0, common_1.Controller)('flood')
], FloodController);
let FloodModule = class FloodModule {
};
FloodModule = __decorate([
    (0, common_1.Module)({ controllers: [FloodController] })
], FloodModule);
function argument(name, fallback) {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? Number(process.argv[index + 1]) : fallback;
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
async function main() {
    const rounds = argument('rounds', 3);
    const seconds = argument('seconds', 3);
    const database = await (0, bench_database_1.startBenchDatabase)();
    const overrides = (0, node_path_1.join)((0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'flood-')), 'plans.json');
    (0, node_fs_1.writeFileSync)(overrides, JSON.stringify({ free: { rate_limit_per_minute: 1 } }));
    const config = app_config_1.AppConfig.fromEnvironment({
        ...process.env,
        DATABASE_URL: database.url,
        LOG_LEVEL: 'error',
        PLAN_OVERRIDES_FILE: overrides,
        DEMO_SEED: 'false',
        WEBHOOK_WORKER_ENABLED: 'false',
    });
    const app = await (0, app_factory_1.createApp)(config, [FloodModule]);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    if (typeof address !== 'object' || address === null)
        throw new Error('not listening');
    const db = app.get(typeorm_1.DataSource);
    const [{ id }] = await db.query(`INSERT INTO accounts (email, plan) VALUES ('flood@bench.example', 'free') RETURNING id`);
    const key = (await app.get(api_keys_service_1.ApiKeysService).create(id, { name: 'flood' })).key;
    const recorder = app.get(usage_counter_recorder_1.UsageCounterRecorder);
    const listeners = app.get(metering_service_1.MeteringService).admissionListeners;
    const recording = [...listeners];
    const flood = async () => {
        const result = await (0, autocannon_1.default)({
            url: `http://127.0.0.1:${address.port}/api/v1/flood`,
            connections: 50,
            duration: seconds,
            requests: [{ method: 'GET', headers: { 'x-api-key': key } }],
        });
        return { rps: result.requests.average, non2xx: result.non2xx, errors: result.errors };
    };
    await flood(); // warm-up
    const figures = { counted: [], 'not counted': [] };
    let writes = 0;
    let refused = 0;
    for (let round = 0; round < rounds; round++) {
        for (const variant of round % 2 === 0 ? ['counted', 'not counted'] : ['not counted', 'counted']) {
            listeners.splice(0, listeners.length, ...(variant === 'counted' ? recording : []));
            const writesBefore = recorder.writes;
            const result = await flood();
            await recorder.flush();
            if (variant === 'counted') {
                writes += recorder.writes - writesBefore;
                refused += result.non2xx;
            }
            figures[variant].push(result.rps);
            console.log(`round ${round + 1} ${variant.padEnd(11)} ${Math.round(result.rps)} req/s (${result.non2xx} refused, ${result.errors} errors)`);
        }
    }
    for (const [variant, values] of Object.entries(figures)) {
        console.log(`${variant.padEnd(11)} median ${Math.round(median(values))} req/s (min ${Math.round(Math.min(...values))}, max ${Math.round(Math.max(...values))})`);
    }
    const [{ rows }] = await db.query(`SELECT count(*)::int AS rows FROM usage_daily_counters`);
    console.log(`counted rounds: ${refused} refusals, ${writes} counter writes (${(writes / refused).toFixed(5)} per refusal), ${rows} counter rows in all`);
    await app.close();
    await database.stop();
}
void main().catch((error) => {
    console.error(error);
    process.exit(1);
});
//# sourceMappingURL=refusal-flood.bench.js.map