import { applyDecorators, HttpStatus, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/swagger/api-responses.decorator';
import { API_KEY_SCHEME, JWT_SCHEME } from '../common/swagger/swagger';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options';
import { CredentialsGuard } from './guards/credentials.guard';

/**
 * The one way to protect a route: an API key (`x-api-key`) or a bearer JWT, then the plan requirement.
 * It also writes the route's Swagger security (either scheme) and the failures every protected route can
 * answer: 401, 403 (with a plan requirement), 429 (too many failed authentications from the IP) and 503 (the
 * credential is checked against the database), so a route cannot be protected without being documented.
 */
export function Auth(options: AuthOptions = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(AUTH_OPTIONS, options),
    UseGuards(CredentialsGuard),
    ApiSecurity(API_KEY_SCHEME),
    ApiBearerAuth(JWT_SCHEME),
    ApiErrorResponses(
      HttpStatus.UNAUTHORIZED,
      ...(options.plan ? [HttpStatus.FORBIDDEN] : []),
      HttpStatus.TOO_MANY_REQUESTS,
      HttpStatus.INTERNAL_SERVER_ERROR,
      HttpStatus.SERVICE_UNAVAILABLE,
    ),
  );
}
