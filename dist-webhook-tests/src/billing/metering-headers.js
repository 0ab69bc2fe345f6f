"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HEADER = exports.DAY_POLICY = exports.MINUTE_POLICY = exports.RATE_WINDOW_SECONDS = void 0;
exports.includedRemaining = includedRemaining;
exports.retryAfterSeconds = retryAfterSeconds;
exports.meteringHeaders = meteringHeaders;
const billing_clock_1 = require("./billing-clock");
exports.RATE_WINDOW_SECONDS = 60;
const SECONDS_PER_DAY = 86_400;
/** Policy names in RateLimit-Policy / RateLimit. */
exports.MINUTE_POLICY = 'minute';
exports.DAY_POLICY = 'day';
exports.HEADER = {
    policy: 'RateLimit-Policy',
    rateLimit: 'RateLimit',
    retryAfter: 'Retry-After',
    creditsCharged: 'X-Credits-Charged',
    creditsRemaining: 'X-Credits-Remaining',
};
/** Included credits not yet used or reserved in the period; overage never makes this negative. */
function includedRemaining(limits, counters) {
    return Math.max(0, limits.includedCredits - counters.includedUsed - counters.includedReserved);
}
/** Seconds until the oldest admission in the window leaves it, which frees a unit of the minute quota. */
function minuteResetSeconds(counters) {
    if (counters.minuteOldest === null)
        return 0;
    return (0, billing_clock_1.secondsUntil)(counters.now, new Date(counters.minuteOldest.getTime() + exports.RATE_WINDOW_SECONDS * 1000));
}
/**
 * Seconds the client should wait before the refused request could be admitted: until the blocking admission
 * leaves the 60 s window, until 00:00 UTC, or until the next period starts. At least 1.
 */
function retryAfterSeconds(reason, admission) {
    const now = admission.counters.now;
    switch (reason) {
        case 'rate_limited': {
            const blocking = admission.blockingAdmission ?? now;
            return Math.max(1, (0, billing_clock_1.secondsUntil)(now, new Date(blocking.getTime() + exports.RATE_WINDOW_SECONDS * 1000)));
        }
        case 'daily_cap_reached':
            return Math.max(1, (0, billing_clock_1.secondsUntil)(now, (0, billing_clock_1.nextUtcMidnight)(now)));
        case 'credits_exhausted':
            return Math.max(1, (0, billing_clock_1.secondsUntil)(now, (0, billing_clock_1.periodEnd)(now)));
    }
}
/**
 * RateLimit-Policy and RateLimit as in draft-ietf-httpapi-ratelimit-headers (structured-field lists of
 * quota policies: `q` quota, `w` window seconds; `r` remaining, `t` seconds until quota is restored).
 * One policy for the rolling minute, one for the UTC day when the plan has a daily cap (its quota counts
 * credits, which equal requests on 1-credit routes). X-Credits-* are our own.
 */
function meteringHeaders(limits, counters, creditsCharged, retryAfter) {
    const policies = [`"${exports.MINUTE_POLICY}";q=${limits.ratePerMinute};w=${exports.RATE_WINDOW_SECONDS}`];
    const minuteRemaining = Math.max(0, limits.ratePerMinute - counters.minuteCount);
    const states = [`"${exports.MINUTE_POLICY}";r=${minuteRemaining};t=${minuteResetSeconds(counters)}`];
    if (limits.dailyCap !== null) {
        policies.push(`"${exports.DAY_POLICY}";q=${limits.dailyCap};w=${SECONDS_PER_DAY}`);
        const dayRemaining = Math.max(0, limits.dailyCap - counters.dayUsed - counters.dayReserved);
        states.push(`"${exports.DAY_POLICY}";r=${dayRemaining};t=${(0, billing_clock_1.secondsUntil)(counters.now, (0, billing_clock_1.nextUtcMidnight)(counters.now))}`);
    }
    const headers = {
        [exports.HEADER.policy]: policies.join(', '),
        [exports.HEADER.rateLimit]: states.join(', '),
        [exports.HEADER.creditsCharged]: String(creditsCharged),
        [exports.HEADER.creditsRemaining]: String(includedRemaining(limits, counters)),
    };
    if (retryAfter !== undefined)
        headers[exports.HEADER.retryAfter] = String(retryAfter);
    return headers;
}
//# sourceMappingURL=metering-headers.js.map