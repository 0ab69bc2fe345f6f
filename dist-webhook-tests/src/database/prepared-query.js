"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.queryPrepared = queryPrepared;
exports.sqlState = sqlState;
/**
 * Runs a hot, fixed statement as a named prepared statement on the pool, so PostgreSQL plans it once per
 * connection instead of on every call: for the stats and metering statements, planning alone costs more
 * than executing. `name` must always be given the same `text`. Errors are pg's own (with `code`), not
 * TypeORM's QueryFailedError.
 */
async function queryPrepared(dataSource, name, text, values) {
    const pool = dataSource.driver.master;
    const result = await pool.query({ name, text, values });
    return result.rows;
}
/** The SQLSTATE of a failed query, whether it came through TypeORM or straight from pg. */
function sqlState(error) {
    const candidate = error;
    return candidate.driverError?.code ?? candidate.code;
}
//# sourceMappingURL=prepared-query.js.map