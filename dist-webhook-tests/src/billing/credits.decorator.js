"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RATE_LIMIT_HEADERS = exports.CREDITS_METADATA = void 0;
exports.creditCostText = creditCostText;
exports.Credits = Credits;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const envelope_1 = require("../common/http/envelope");
const metering_headers_1 = require("./metering-headers");
exports.CREDITS_METADATA = 'billing:credits';
exports.RATE_LIMIT_HEADERS = {
    [metering_headers_1.HEADER.policy]: {
        description: 'Quota policies (draft-ietf-httpapi-ratelimit-headers): `"minute";q=<plan limit>;w=60`, and ' +
            '`"day";q=<daily cap>;w=86400` on plans with a daily cap.',
        schema: { type: 'string', example: '"minute";q=5;w=60, "day";q=500;w=86400' },
    },
    [metering_headers_1.HEADER.rateLimit]: {
        description: 'Remaining quota per policy: `r` requests (minute) or credits (day) left, `t` seconds until quota is restored.',
        schema: { type: 'string', example: '"minute";r=4;t=60, "day";r=499;t=41234' },
    },
    [metering_headers_1.HEADER.creditsCharged]: {
        description: 'Credits charged for this response: the route cost on 2xx, 0 otherwise.',
        schema: { type: 'integer', example: 1 },
    },
    [metering_headers_1.HEADER.creditsRemaining]: {
        description: 'Included credits left in the billing period (calendar month, UTC); overage is not included.',
        schema: { type: 'integer', example: 1999 },
    },
};
const REFUSAL_DESCRIPTION = 'Refused by metering; nothing is charged. `data.reason` says why and `data.retry_after_seconds` (also ' +
    '`Retry-After`) when to retry:\n' +
    '- `rate_limited`: the plan admits at most N requests in any rolling 60 s (every admitted request counts, ' +
    'whatever its outcome);\n' +
    '- `daily_cap_reached`: the plan\'s UTC daily credit cap is used up; retry after 00:00 UTC;\n' +
    '- `credits_exhausted`: the included credits of the period are used up and the plan has no overage ' +
    '(Free; Starter/Growth without overage enabled); retry when the next period starts.';
const refusalExample = (reason, msg, retryAfter) => ({
    summary: reason,
    value: {
        code: 429,
        msg,
        data: { request_id: '5b0f6c1e-4a8e-4c55-9a5e-2f1d0f1f3c11', reason, retry_after_seconds: retryAfter },
    },
});
/** The sentence the success response of a metered route carries in Swagger. */
function creditCostText(cost) {
    return cost === 0
        ? 'Cost: free (0 credits), still subject to the plan rate limit.'
        : `Cost: ${cost} credit${cost === 1 ? '' : 's'}/request, charged only for this successful 2xx response.`;
}
/**
 * Declares a route's cost in credits and meters it (MeteringInterceptor): rate limited by the caller's plan,
 * the credits reserved before the handler and charged only if it succeeds. `@Credits(0)`: free, still rate
 * limited. Needs an authenticated principal (`@Auth()`), so the route must be authenticated. Writes the
 * Swagger documentation too (`x-credit-cost`, the headers, the 429 reasons), so a metered route is always
 * documented as such.
 */
function Credits(cost) {
    if (!Number.isSafeInteger(cost) || cost < 0)
        throw new Error(`@Credits(${cost}): the cost must be an integer >= 0`);
    // The success response's headers and cost text are added by MeteredRoutesDocumentation at boot, once the
    // route's success status (its @HttpCode, else 201 for a POST, else 200) is known: decorators written above
    // this one (@Post, @HttpCode) have not been applied yet when this one runs.
    return (0, common_1.applyDecorators)((0, common_1.SetMetadata)(exports.CREDITS_METADATA, cost), (0, swagger_1.ApiExtension)('x-credit-cost', cost), (0, swagger_1.ApiExtraModels)(envelope_1.EnvelopeDoc), (0, swagger_1.ApiResponse)({
        status: common_1.HttpStatus.TOO_MANY_REQUESTS,
        description: REFUSAL_DESCRIPTION,
        schema: { $ref: (0, swagger_1.getSchemaPath)(envelope_1.EnvelopeDoc) },
        headers: {
            ...exports.RATE_LIMIT_HEADERS,
            [metering_headers_1.HEADER.retryAfter]: { description: 'Seconds until the request could be admitted.', schema: { type: 'integer' } },
        },
        examples: {
            rate_limited: refusalExample('rate_limited', 'Plan rate limit exceeded', 12),
            daily_cap_reached: refusalExample('daily_cap_reached', 'Daily credit cap reached', 41234),
            credits_exhausted: refusalExample('credits_exhausted', 'Included credits exhausted for this billing period', 1_234_567),
        },
    }));
}
//# sourceMappingURL=credits.decorator.js.map