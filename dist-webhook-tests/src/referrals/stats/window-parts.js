"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.splitWindow = splitWindow;
exports.windowParameters = windowParameters;
const rfc3339_1 = require("../../common/time/rfc3339");
const MICROS_PER_HOUR = 3600000000n;
const MICROS_PER_DAY = 24n * MICROS_PER_HOUR;
const EMPTY = { from: 'infinity', to: 'infinity' };
function floorTo(micros, unit) {
    const remainder = micros % unit;
    return remainder < 0n ? micros - remainder - unit : micros - remainder;
}
function ceilTo(micros, unit) {
    const floor = floorTo(micros, unit);
    return floor === micros ? micros : floor + unit;
}
/**
 * A bound as a literal. Rounding a bound up to the next hour or day can step past year 9999 (from
 * 9999-12-31T23:59:59Z), which no timestamp literal can name: that bound is infinity, which counts the same.
 */
function literal(micros, infinity) {
    if (micros === null)
        return infinity;
    if (micros >= rfc3339_1.MAX_EPOCH_MICROS_EXCLUSIVE)
        return 'infinity';
    return (0, rfc3339_1.formatEpochMicros)(micros);
}
/** `from`/`to` in epoch microseconds; null is unbounded. The caller guarantees from < to. */
function splitWindow(from, to) {
    const hoursFrom = from === null ? null : ceilTo(from, MICROS_PER_HOUR);
    const hoursTo = to === null ? null : floorTo(to, MICROS_PER_HOUR);
    if (hoursFrom !== null && hoursTo !== null && hoursFrom >= hoursTo) {
        // No whole hour inside: the window is counted from the raw events alone.
        return { days: EMPTY, hoursHead: EMPTY, hoursTail: EMPTY, rawHead: { from: literal(from, '-infinity'), to: literal(to, 'infinity') }, rawTail: EMPTY };
    }
    const daysFrom = hoursFrom === null ? null : ceilTo(hoursFrom, MICROS_PER_DAY);
    const daysTo = hoursTo === null ? null : floorTo(hoursTo, MICROS_PER_DAY);
    const rawHead = { from: literal(from, '-infinity'), to: literal(hoursFrom, '-infinity') };
    const rawTail = { from: literal(hoursTo, 'infinity'), to: literal(to, 'infinity') };
    if (daysFrom !== null && daysTo !== null && daysFrom >= daysTo) {
        // No whole day inside: hours only.
        return { days: EMPTY, hoursHead: { from: literal(hoursFrom, '-infinity'), to: literal(hoursTo, 'infinity') }, hoursTail: EMPTY, rawHead, rawTail };
    }
    return {
        days: { from: literal(daysFrom, '-infinity'), to: literal(daysTo, 'infinity') },
        hoursHead: { from: literal(hoursFrom, '-infinity'), to: literal(daysFrom, '-infinity') },
        hoursTail: { from: literal(daysTo, 'infinity'), to: literal(hoursTo, 'infinity') },
        rawHead,
        rawTail,
    };
}
/** The parts as the ten bind values ($2..$11) of the funnel statement. */
function windowParameters(parts) {
    return [parts.days, parts.hoursHead, parts.hoursTail, parts.rawHead, parts.rawTail].flatMap((range) => [range.from, range.to]);
}
//# sourceMappingURL=window-parts.js.map