import { applyDecorators, HttpStatus, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { EnvelopeDoc } from '../common/http/envelope';
import { HEADER } from './metering-headers';

export const CREDITS_METADATA = 'billing:credits';

export const RATE_LIMIT_HEADERS = {
  [HEADER.policy]: {
    description:
      'Quota policies (draft-ietf-httpapi-ratelimit-headers): `"minute";q=<plan limit>;w=60`, and ' +
      '`"day";q=<daily cap>;w=86400` on plans with a daily cap.',
    schema: { type: 'string', example: '"minute";q=5;w=60, "day";q=500;w=86400' },
  },
  [HEADER.rateLimit]: {
    description:
      'Remaining quota per policy: `r` requests (minute) or credits (day) left, `t` seconds until quota is restored.',
    schema: { type: 'string', example: '"minute";r=4;t=60, "day";r=499;t=41234' },
  },
  [HEADER.creditsCharged]: {
    description: 'Credits charged for this response: the route cost on 2xx, 0 otherwise.',
    schema: { type: 'integer', example: 1 },
  },
  [HEADER.creditsRemaining]: {
    description: 'Included credits left in the billing period (calendar month, UTC); overage is not included.',
    schema: { type: 'integer', example: 1999 },
  },
};

const REFUSAL_DESCRIPTION =
  'Refused by metering; nothing is charged. `data.reason` says why and `data.retry_after_seconds` (also ' +
  '`Retry-After`) when to retry:\n' +
  '- `rate_limited`: the plan admits at most N requests in any rolling 60 s (every admitted request counts, ' +
  'whatever its outcome);\n' +
  '- `daily_cap_reached`: the plan\'s UTC daily credit cap is used up; retry after 00:00 UTC;\n' +
  '- `credits_exhausted`: the included credits of the period are used up and the plan has no overage ' +
  '(Free; Starter/Growth without overage enabled); retry when the next period starts.';

const refusalExample = (reason: string, msg: string, retryAfter: number) => ({
  summary: reason,
  value: {
    code: 429,
    msg,
    data: { request_id: '5b0f6c1e-4a8e-4c55-9a5e-2f1d0f1f3c11', reason, retry_after_seconds: retryAfter },
  },
});

/** The sentence the success response of a metered route carries in Swagger. */
export function creditCostText(cost: number): string {
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
export function Credits(cost: number): MethodDecorator {
  if (!Number.isSafeInteger(cost) || cost < 0) throw new Error(`@Credits(${cost}): the cost must be an integer >= 0`);
  // The success response's headers and cost text are added by MeteredRoutesDocumentation at boot, once the
  // route's success status (its @HttpCode, else 201 for a POST, else 200) is known: decorators written above
  // this one (@Post, @HttpCode) have not been applied yet when this one runs.
  return applyDecorators(
    SetMetadata(CREDITS_METADATA, cost),
    ApiExtension('x-credit-cost', cost),
    ApiExtraModels(EnvelopeDoc),
    ApiResponse({
      status: HttpStatus.TOO_MANY_REQUESTS,
      description: REFUSAL_DESCRIPTION,
      schema: { $ref: getSchemaPath(EnvelopeDoc) },
      headers: {
        ...RATE_LIMIT_HEADERS,
        [HEADER.retryAfter]: { description: 'Seconds until the request could be admitted.', schema: { type: 'integer' } },
      },
      examples: {
        rate_limited: refusalExample('rate_limited', 'Plan rate limit exceeded', 12),
        daily_cap_reached: refusalExample('daily_cap_reached', 'Daily credit cap reached', 41234),
        credits_exhausted: refusalExample(
          'credits_exhausted',
          'Included credits exhausted for this billing period',
          1_234_567,
        ),
      },
    }),
  );
}
