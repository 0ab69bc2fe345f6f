/**
 * A hot statement kept as a server-side PL/pgSQL function, so each PostgreSQL backend plans it once and reuses
 * the plan (PL/pgSQL caches the plans of the statements in a function body per backend), while the client
 * sends only a one-line, unnamed call: nothing lives on a connection, so a transaction-mode pooler can hand
 * any server connection to any call. Planning the stats and metering statements costs 2-4 ms against
 * 0.3-0.7 ms of execution; this keeps the saving that named prepared statements gave.
 *
 * The body is the statement's own SQL, with $1..$n as it always had; it is installed by a migration (see
 * migrations/1764720000001-hot-statement-routines.ts). Changing a body or a signature needs a new migration
 * that re-installs the routines: a database whose installed body differs from this code fails readiness
 * (RoutinesRepository.findOutdated).
 */
export interface Routine {
  readonly name: string;
  /** PostgreSQL types of $1..$n, in order. */
  readonly parameters: readonly string[];
  /** `TABLE (…)` for a statement that answers rows; null for one that answers none. */
  readonly returns: string | null;
  /** One SQL statement, without a trailing semicolon. */
  readonly body: string;
}

/** The function's source as PostgreSQL stores it (pg_proc.prosrc): what readiness compares with the code. */
export function routineSource(routine: Routine): string {
  const run = routine.returns === null ? routine.body : `RETURN QUERY ${routine.body}`;
  // use_column: a name that is both an output column and a table column always means the column.
  return `
#variable_conflict use_column
BEGIN
${run};
END
`;
}

/**
 * force_generic_plan applies while the function runs only (a SET clause is restored on exit): each of these
 * statements is a short, index-driven lookup whose best plan does not depend on its parameter values, so one
 * plan per backend serves every call.
 */
export function createRoutineStatement(routine: Routine): string {
  return `CREATE OR REPLACE FUNCTION ${routine.name}(${routine.parameters.join(', ')})
RETURNS ${routine.returns ?? 'void'} LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan
AS $routine$${routineSource(routine)}$routine$`;
}

export function dropRoutineStatement(routine: Routine): string {
  return `DROP FUNCTION IF EXISTS ${routine.name}(${routine.parameters.join(', ')})`;
}

/** The statement the client sends: `SELECT * FROM name($1::type, …)`. */
export function callStatement(routine: Routine): string {
  const args = routine.parameters.map((type, i) => `$${i + 1}::${type}`).join(', ');
  return routine.returns === null ? `SELECT ${routine.name}(${args})` : `SELECT * FROM ${routine.name}(${args})`;
}

/**
 * A one-SELECT SQL function that hot statements call for a rule they share (the counters' rollover, the rate
 * limiter's sliding log): LANGUAGE sql, STABLE, non-strict and without SET clauses, so the planner inlines its
 * body where it is called (it costs no function call at run time, and the plan is the one the statement would
 * have with the expression written in place). STABLE, not IMMUTABLE: an immutable function whose body holds a
 * stable operator (`timestamptz - interval`) is not inlined. Installed by a migration; readiness compares the
 * body like a routine's.
 */
export interface InlineFunction {
  readonly name: string;
  /** `name type`, in order. */
  readonly parameters: readonly string[];
  /** A type, or `TABLE (…)` for a set-returning function (inlined when called alone in a FROM item). */
  readonly returns: string;
  /** One SELECT, without a trailing semicolon; pg_proc.prosrc stores exactly this. */
  readonly body: string;
}

export function createInlineFunctionStatement(fn: InlineFunction): string {
  return `CREATE OR REPLACE FUNCTION ${fn.name}(${fn.parameters.join(', ')})
RETURNS ${fn.returns} LANGUAGE sql STABLE PARALLEL SAFE
AS $function$${fn.body}$function$`;
}

export function dropInlineFunctionStatement(fn: InlineFunction): string {
  return `DROP FUNCTION IF EXISTS ${fn.name}(${fn.parameters.join(', ')})`;
}
