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
  /** Planner settings while the routine runs (SET clauses), beside plan_cache_mode; e.g. KEY_LOOKUPS. */
  readonly settings?: Readonly<Record<string, string>>;
}

/**
 * For a routine that only ever reaches its tables by key (every table access has an index condition on the
 * routine's parameters, or on ids it collected first: `= ANY(ARRAY(…))`, never a join to a table). A generic
 * plan is made once per backend, on its first call, from the tables' sizes at that moment; on an empty table
 * (a new database, a table of short-lived rows that vacuum has truncated) a sequential scan is the cheapest
 * plan, and that backend would keep it as the table grows. billing_pending_charges, empty at a service's start
 * and full of dead markers minutes later, measured 0.8 ms growing to 12.7 ms per admission that way (docs/billing.md,
 * "Metering cost: designs measured"). With sequential scans off, the plan is an index lookup however the table
 * looked.
 */
export const KEY_LOOKUPS: Readonly<Record<string, string>> = { enable_seqscan: 'off' };

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
 * Every routine's planner settings, then its own. force_generic_plan: each of these statements is a short,
 * index-driven lookup whose best plan does not depend on its parameter values, so one plan per backend serves
 * every call.
 */
function settingsOf(routine: Routine): Array<[string, string]> {
  return Object.entries({ plan_cache_mode: 'force_generic_plan', ...routine.settings });
}

/** The routine's SET clauses as PostgreSQL stores them (pg_proc.proconfig): what readiness compares besides the source. */
export function routineSettings(routine: Routine): string[] {
  return settingsOf(routine).map(([name, value]) => `${name}=${value}`);
}

/** SET clauses apply while the function runs only (they are restored on exit). */
export function createRoutineStatement(routine: Routine): string {
  const settings = settingsOf(routine)
    .map(([name, value]) => `SET ${name} = ${value}`)
    .join(' ');
  return `CREATE OR REPLACE FUNCTION ${routine.name}(${routine.parameters.join(', ')})
RETURNS ${routine.returns ?? 'void'} LANGUAGE plpgsql VOLATILE ${settings}
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
