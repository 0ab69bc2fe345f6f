/**
 * The headers of a metered response (billing's metering-headers.ts writes them) and how the OpenAPI document
 * describes them: part of the HTTP contract, so the shared Swagger decorators can document them too.
 */
export const HEADER = {
  policy: 'RateLimit-Policy',
  rateLimit: 'RateLimit',
  retryAfter: 'Retry-After',
  creditsCharged: 'X-Credits-Charged',
  creditsRemaining: 'X-Credits-Remaining',
} as const;

/** The metering headers as the OpenAPI document describes them (success and 429 responses of metered routes). */
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
