"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const demo_seed_service_1 = require("../demo/demo-seed.service");
const app_context_1 = require("./app-context");
/** `npm run seed:demo`: loads the demo funnel into an empty database (for DATABASE_URL deployments). */
(0, app_context_1.withAppContext)((app) => app.get(demo_seed_service_1.DemoSeedService).seedIfEmpty())
    .then((seeded) => {
    console.log(seeded
        ? `Demo data loaded. Demo admin API key (shown once): ${seeded.adminApiKey}`
        : 'The database already holds accounts: demo data not loaded.');
})
    .catch((error) => {
    console.error(`seed:demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
});
//# sourceMappingURL=seed-demo.js.map