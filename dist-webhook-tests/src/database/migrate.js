"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runMigrationsExclusively = runMigrationsExclusively;
const common_1 = require("@nestjs/common");
/** Any fixed 64-bit number, shared by every instance of this service: "the migrations lock". */
const MIGRATIONS_LOCK_KEY = 7301146238120391n;
/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so several instances starting at once
 * on one database apply each migration exactly once; the others wait, then find nothing to do.
 */
async function runMigrationsExclusively(dataSource, logger = new common_1.Logger('Migrations')) {
    const lockSession = dataSource.createQueryRunner();
    await lockSession.connect();
    try {
        await lockSession.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK_KEY.toString()]);
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        if (applied.length > 0)
            logger.log(`Applied migrations: ${applied.map((migration) => migration.name).join(', ')}`);
    }
    finally {
        await lockSession.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK_KEY.toString()]).catch(() => undefined);
        await lockSession.release();
    }
}
//# sourceMappingURL=migrate.js.map