/**
 * Transaction-scoped advisory lock keys (pg_try_advisory_xact_lock) of the metering sweeps: every instance runs
 * the sweeper, and each sweep runs on one instance at a time. Fixed numbers: changing one lets an old and a new
 * instance sweep at once during a rolling deploy (harmless, rows are taken SKIP LOCKED, but wasted work).
 */
export const SWEEP_RESERVATIONS_LOCK_KEY = '7301146238120392';
export const SWEEP_CHARGES_LOCK_KEY = '7301146238120393';
