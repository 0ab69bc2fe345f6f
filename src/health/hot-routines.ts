import { METERING_ROUTINES } from '../billing/metering/metering-routines';
import type { Routine } from '../database/routines';
import { STATS_ROUTINES } from '../referrals/stats/stats-sql';

/**
 * Every hot statement that runs as a server-side function (see database/routines.ts): what the routine
 * migrations install and what readiness compares with the installed bodies.
 */
export const HOT_ROUTINES: readonly Routine[] = [...METERING_ROUTINES, ...STATS_ROUTINES];
