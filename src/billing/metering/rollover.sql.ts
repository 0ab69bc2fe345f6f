import type { InlineFunction } from '../../database/routines';

/**
 * The counters' rollover rule, written once: an amount counted for a UTC day (or billing period) reads as
 * itself while that day (period) is the current one, and as zero once it is past, so rollover needs no
 * scheduled job. The admission reads the counters through it, a reservation's charge adds its credits through
 * it (a reservation of a day the counters have since left changes only the ledger), and the usage read shows
 * the counters through it. Inlined where it is called (see InlineFunction).
 */
export const ROLLOVER: InlineFunction = {
  name: 'billing_rollover',
  parameters: ['amount bigint', 'counted_for date', 'as_of date'],
  returns: 'bigint',
  body: `SELECT CASE WHEN counted_for = as_of THEN amount ELSE 0 END`,
};
