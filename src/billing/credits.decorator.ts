import { applyDecorators, HttpStatus, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/swagger/api-responses.decorator';

export const CREDITS_METADATA = 'billing:credits';

/** The sentence the success response of a metered route carries in Swagger. */
export function creditCostText(cost: number): string {
  return cost === 0
    ? 'Cost: free (0 credits), still subject to the plan rate limit.'
    : `Cost: ${cost} credit${cost === 1 ? '' : 's'}/request, charged only for this successful 2xx response.`;
}

/** The sentence that ends a metered operation's description in Swagger. */
export function operationCostText(cost: number): string {
  return cost === 0
    ? '**Free (0 credits)**, still rate limited.'
    : `**Cost: ${cost} credit${cost === 1 ? '' : 's'}/request**, charged only for successful 2xx responses.`;
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
    ApiErrorResponses(HttpStatus.TOO_MANY_REQUESTS),
  );
}
