import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The primary's pg pool under the DataSource, for the hot statements: a plain unnamed call of a server-side
 * function (see routines.ts), without TypeORM's query runner. Errors are pg's own (with `code`), not
 * TypeORM's QueryFailedError.
 */
export function primaryPool(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

/** The SQLSTATE of a failed query, whether it came through TypeORM or straight from pg. */
export function sqlState(error: unknown): string | undefined {
  const candidate = error as { driverError?: { code?: string }; code?: string };
  return candidate.driverError?.code ?? candidate.code;
}
