/** Midnight UTC `days` from today, RFC 3339: examples that select recent data whenever the docs are read. */
export function utcMidnight(days: number): string {
  const date = new Date();
  date.setUTCHours(0, 0, 0, 0);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().replace('.000Z', 'Z');
}
