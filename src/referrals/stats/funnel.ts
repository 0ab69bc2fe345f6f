/** A time window and campaign filter, bounds in epoch microseconds: `from` inclusive, `to` exclusive. */
export interface FunnelWindow {
  from: bigint | null;
  to: bigint | null;
  campaign: string | null;
}

/** Each count is the number of events of that stage whose own timestamp lies in the window. */
export interface FunnelCounts {
  clicks: number;
  attributedSignups: number;
  qualified: number;
  reviewRequired: number;
  rewarded: number;
  capped: number;
  rejected: number;
}

/**
 * numerator / denominator rounded half-up to 3 decimals, in integer arithmetic so that 0.2145 is never
 * 0.214 through binary floating point; 0 when the denominator is 0.
 */
export function conversionRate(numerator: number, denominator: number): number {
  if (denominator === 0) return 0;
  const thousandths = Math.floor((numerator * 2000 + denominator) / (2 * denominator));
  return thousandths / 1000;
}
