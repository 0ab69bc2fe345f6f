"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runMigrationsExclusively = runMigrationsExclusively;
const common_1 = require("@nestjs/common");
/**
 * Any fixed 64-bit number, shared by every instance of this service: "the migrations lock". Written into the
 * statement (not bound) so the statement carries no per-statement bounds: waiting for another instance's
 * migrations may take longer than any statement should.
 */
const TAKE_MIGRATIONS_LOCK = 'SELECT pg_advisory_xact_lock(7301146238120391)';
/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so several instances starting at once
 * on one database apply each migration exactly once; the others wait, then find nothing to do.
 *
 * The lock is transaction-scoped and held by a transaction that stays open meanwhile: behind a
 * transaction-mode pooler a session lock would be taken on one server connection and "released" on another
 * (leaving it held forever), while an open transaction keeps its server connection until it ends.
 */
async function runMigrationsExclusively(dataSource, logger = new common_1.Logger('Migrations')) {
    const lockSession = dataSource.createQueryRunner();
    await lockSession.connect();
    try {
        await lockSession.startTransaction();
        await lockSession.query(TAKE_MIGRATIONS_LOCK);
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        if (applied.length > 0)
            logger.log(`Applied migrations: ${applied.map((migration) => migration.name).join(', ')}`);
    }
    finally {
        await (lockSession.isTransactionActive ? lockSession.commitTransaction() : Promise.resolve()).catch(() => undefined);
        await lockSession.release();
    }
}
//# sourceMappingURL=migrate.js.map