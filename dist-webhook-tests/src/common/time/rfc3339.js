"use strict";
/**
 * Exact RFC 3339 date-time parsing to epoch microseconds, PostgreSQL's timestamp resolution.
 *
 * `Date.parse` is not used: it accepts date-only and many non-RFC forms, and it truncates to milliseconds,
 * which would silently move a window edge. Here a bound is exact to the microsecond; finer fractions are
 * rounded up, which keeps `t >= from` and `t < to` true to the written instant for every stored timestamp.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_EPOCH_MICROS_EXCLUSIVE = exports.MIN_EPOCH_MICROS = void 0;
exports.parseRfc3339 = parseRfc3339;
exports.formatEpochMicros = formatEpochMicros;
const RFC3339_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const MICROS_PER_SECOND = 1000000n;
const SECONDS_PER_DAY = 86400n;
/** 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years RFC 3339 can write, in UTC. */
exports.MIN_EPOCH_MICROS = -62135596800n * MICROS_PER_SECOND;
exports.MAX_EPOCH_MICROS_EXCLUSIVE = 253402300800n * MICROS_PER_SECOND;
function isLeapYear(year) {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
function daysInMonth(year, month) {
    return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}
/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year, month, day) {
    const y = month <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yearOfEra = y - era * 400;
    const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
    const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
}
/**
 * Returns the instant as microseconds since the Unix epoch, or null when `text` is not a valid RFC 3339
 * date-time (date-only, missing offset, impossible calendar values, leap second 60, or outside years 1–9999).
 */
function parseRfc3339(text) {
    const match = RFC3339_DATE_TIME.exec(text);
    if (!match)
        return null;
    const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction, sign, offsetHourText, offsetMinuteText] = match;
    const [year, month, day, hour, minute, second] = [yearText, monthText, dayText, hourText, minuteText, secondText].map(Number);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return null;
    // Second 60 (a leap second) is valid RFC 3339 but PostgreSQL cannot store it; refusing beats guessing.
    if (hour > 23 || minute > 59 || second > 59)
        return null;
    let offsetSeconds = 0n;
    if (sign) {
        const offsetHour = Number(offsetHourText);
        const offsetMinute = Number(offsetMinuteText);
        if (offsetHour > 23 || offsetMinute > 59)
            return null;
        offsetSeconds = BigInt((offsetHour * 60 + offsetMinute) * 60) * (sign === '-' ? -1n : 1n);
    }
    let fractionMicros = 0n;
    if (fraction) {
        fractionMicros = BigInt(fraction.slice(0, 6).padEnd(6, '0'));
        if (/[1-9]/.test(fraction.slice(6)))
            fractionMicros += 1n;
    }
    const localSeconds = BigInt(daysFromCivil(year, month, day)) * SECONDS_PER_DAY + BigInt(hour * 3600 + minute * 60 + second);
    const epochMicros = (localSeconds - offsetSeconds) * MICROS_PER_SECOND + fractionMicros;
    if (epochMicros < exports.MIN_EPOCH_MICROS || epochMicros >= exports.MAX_EPOCH_MICROS_EXCLUSIVE)
        return null;
    return epochMicros;
}
/** Formats epoch microseconds as an exact UTC timestamp PostgreSQL parses, e.g. `2026-01-01T00:00:00.000001Z`. */
function formatEpochMicros(epochMicros) {
    const floorMillis = epochMicros / 1000n - (epochMicros % 1000n < 0n ? 1n : 0n);
    const micros = epochMicros - floorMillis * 1000n;
    const isoMillis = new Date(Number(floorMillis)).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
    return `${isoMillis.slice(0, 23)}${micros.toString().padStart(3, '0')}Z`;
}
//# sourceMappingURL=rfc3339.js.map