import { Client, ClientConfig, Query, QueryConfig } from 'pg';
// pg's own value serialiser (dates, arrays, buffers), so the prelude's values are sent exactly as a query's are.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

/**
 * Sets the statement's bounds for its own transaction only (set_config(..., true)): no session state that a
 * transaction-mode pooler could leak to another client or lose between transactions.
 */
const BOUNDS_PRELUDE = `SELECT set_config('statement_timeout', $1, true), set_config('idle_in_transaction_session_timeout', $2, true)`;

export interface StatementBounds {
  /** Upper bound on one statement (server-side: the statement is cancelled with SQLSTATE 57014). */
  readonly statementTimeoutMs: number;
  /** Upper bound on a transaction left idle between its statements (the server then ends the session). */
  readonly idleInTransactionTimeoutMs: number;
}

/** Minimal view of pg's connection (pg exports no type for it). */
interface WireConnection {
  parse(message: { text: string; name: string; types: unknown[] }): void;
  bind(message: { portal: string; statement: string; values: unknown[]; valueMapper: (value: unknown) => unknown }): void;
  execute(message: { portal: string; rows: number }): void;
}

/**
 * A parameterised query sent as one pipeline: the bounds prelude, then the query, then one Sync. Both run in
 * one implicit transaction (the Sync commits it), in ONE round trip; PostgreSQL (13+) arms statement_timeout
 * afresh for each Execute, so the query runs under the prelude's value, and the value is gone after the Sync.
 * Works unchanged on a direct connection and behind PgBouncer in transaction mode (unnamed statements only).
 * Inside an explicit transaction the bounds last until it ends.
 */
class BoundedQuery extends Query {
  private inPrelude = true;

  constructor(
    config: QueryConfig,
    private readonly bounds: StatementBounds,
  ) {
    super(config);
  }

  prepare(connection: WireConnection): void {
    connection.parse({ text: BOUNDS_PRELUDE, name: '', types: [] });
    connection.bind({
      portal: '',
      statement: '',
      values: [String(this.bounds.statementTimeoutMs), String(this.bounds.idleInTransactionTimeoutMs)],
      valueMapper: prepareValue,
    });
    connection.execute({ portal: '', rows: 0 });
    (Query.prototype as unknown as { prepare(connection: WireConnection): void }).prepare.call(this, connection);
  }

  // The prelude answers one row and one CommandComplete (it was not described, so no RowDescription): not ours.
  handleDataRow(message: unknown): void {
    if (!this.inPrelude) (Query.prototype as unknown as { handleDataRow(m: unknown): void }).handleDataRow.call(this, message);
  }

  handleCommandComplete(message: unknown, connection: unknown): void {
    if (this.inPrelude) {
      this.inPrelude = false;
      return;
    }
    (Query.prototype as unknown as { handleCommandComplete(m: unknown, c: unknown): void }).handleCommandComplete.call(
      this,
      message,
      connection,
    );
  }
}

type QueryCallback = (error: Error | null, result?: unknown) => void;

/**
 * A pg Client that bounds every parameterised statement (every statement the repositories and TypeORM's
 * finders send) with `bounds`, per transaction. Named prepared statements and parameterless text (BEGIN,
 * COMMIT, migrations' DDL) pass through unchanged. Passed to the pool as its `Client`.
 */
export function boundedClientClass(bounds: StatementBounds): typeof Client {
  return class BoundedClient extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
    }

    // pg's overloads are many; this wrapper covers the shapes TypeORM, pg-pool and the repositories use.
    override query(config: unknown, values?: unknown, callback?: unknown): never {
      const done = typeof values === 'function' ? values : typeof callback === 'function' ? callback : undefined;
      const queryConfig = toBoundable(config, Array.isArray(values) ? values : undefined);
      if (!queryConfig) return (Client.prototype.query as (...args: unknown[]) => never).call(this, config, values, callback);
      const query = new BoundedQuery(queryConfig, bounds) as unknown as { callback: QueryCallback };
      if (done) {
        query.callback = done as QueryCallback;
        (Client.prototype.query as (submittable: unknown) => unknown).call(this, query);
        return undefined as never;
      }
      const result = new Promise((resolve, reject) => {
        query.callback = (error, rows) => (error ? reject(error) : resolve(rows));
      });
      (Client.prototype.query as (submittable: unknown) => unknown).call(this, query);
      return result as never;
    }
  };
}

/** The query when it is an unnamed, parameterised statement (sent with the extended protocol anyway). */
function toBoundable(config: unknown, values: unknown[] | undefined): QueryConfig | null {
  if (typeof config === 'string') return values && values.length > 0 ? { text: config, values } : null;
  if (typeof config !== 'object' || config === null || typeof (config as { submit?: unknown }).submit === 'function') return null;
  const candidate = config as QueryConfig & { rowMode?: unknown; rows?: unknown; callback?: unknown };
  const parameters = candidate.values ?? values;
  if (candidate.name || candidate.rows || candidate.callback || !parameters || parameters.length === 0) return null;
  return { ...candidate, values: parameters };
}
