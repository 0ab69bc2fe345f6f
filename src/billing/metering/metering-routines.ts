import type { InlineFunction, Routine } from '../../database/routines';
import { SLIDING_LOG_FUNCTIONS } from '../rate-limit/sliding-log.sql';
import { ADMIT_BATCH_ROUTINE } from './admission.sql';
import { ROLLOVER } from './rollover.sql';
import { CHARGE_RESERVATION_ROUTINE, REFUND_CHARGES_ROUTINE, RETURN_RESERVATIONS_ROUTINE } from './settlement.sql';

/** The metering statements that run as server-side functions (see database/routines.ts). */
export const METERING_ROUTINES: readonly Routine[] = [
  ADMIT_BATCH_ROUTINE,
  CHARGE_RESERVATION_ROUTINE,
  RETURN_RESERVATIONS_ROUTINE,
  REFUND_CHARGES_ROUTINE,
];

/** The SQL functions those statements call, in creation order (installed before them). */
export const METERING_INLINE_FUNCTIONS: readonly InlineFunction[] = [ROLLOVER, ...SLIDING_LOG_FUNCTIONS];
