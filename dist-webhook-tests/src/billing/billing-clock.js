"use strict";
/** UTC calendar arithmetic for days and billing periods (calendar months). Pure; unit tested. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.nextUtcMidnight = nextUtcMidnight;
exports.periodStart = periodStart;
exports.periodEnd = periodEnd;
exports.secondsUntil = secondsUntil;
exports.utcDate = utcDate;
const MS_PER_SECOND = 1000;
/** 00:00 UTC of the day after `now`. */
function nextUtcMidnight(now) {
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}
/** 00:00 UTC on the first day of `now`'s month: the current billing period's start. */
function periodStart(now) {
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}
/** 00:00 UTC on the first day of the next month: the current period's (exclusive) end. */
function periodEnd(now) {
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}
/** Whole seconds from `now` until `then`, rounded up, so a client that waits that long is never early. */
function secondsUntil(now, then) {
    return Math.max(0, Math.ceil((then.getTime() - now.getTime()) / MS_PER_SECOND));
}
/** `YYYY-MM-DD` of the UTC day. */
function utcDate(value) {
    return value.toISOString().slice(0, 10);
}
//# sourceMappingURL=billing-clock.js.map