import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a hot, fixed statement as a named prepared statement on the pool, so PostgreSQL plans it once per
 * connection instead of on every call: for the stats and metering statements, planning alone costs more
 * than executing. `name` must always be given the same `text`. Errors are pg's own (with `code`), not
 * TypeORM's QueryFailedError.
 */
export async function queryPrepared<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const result = await pool.query({ name, text, values });
  return result.rows as T[];
}

/** The SQLSTATE of a failed query, whether it came through TypeORM or straight from pg. */
export function sqlState(error: unknown): string | undefined {
  const candidate = error as { driverError?: { code?: string }; code?: string };
  return candidate.driverError?.code ?? candidate.code;
}
