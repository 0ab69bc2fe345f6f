import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { AUTH_OPTIONS, AuthOptions } from '../auth-options';
import { AuthException, AuthFailure } from '../auth.errors';
import { AuthFailureLimiter } from '../auth-failure-limiter';
import { JwtAuthenticator } from '../jwt/jwt-authenticator';
import { hasRequiredPlan } from '../plan-access';
import type { Principal } from '../principal';

export const API_KEY_HEADER = 'x-api-key';

/**
 * The guard behind `@Auth()`: establishes the principal from `x-api-key` (preferred when both are sent) or
 * `Authorization: Bearer`, then applies the route's plan requirement. Failed attempts count against the
 * client's IP; a blocked IP gets 429 before its credentials are looked at.
 */
@Injectable()
export class CredentialsGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly jwt: JwtAuthenticator,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const options = this.reflector.getAllAndOverride<AuthOptions | undefined>(AUTH_OPTIONS, [
      context.getHandler(),
      context.getClass(),
    ]);

    const retryAfter = this.failures.retryAfterSeconds(request.ip);
    if (retryAfter > 0) {
      throw new AuthException(
        AuthFailure.TooManyFailures,
        { 'Retry-After': String(retryAfter) },
        { retry_after_seconds: retryAfter },
      );
    }

    let principal: Principal;
    try {
      principal = await this.authenticate(request, http.getResponse<FastifyReply>());
    } catch (error) {
      if (error instanceof AuthException && error.failure !== AuthFailure.MissingCredentials) {
        const blockedFor = await this.failures.recordFailure(request.ip);
        if (blockedFor > 0) {
          throw new AuthException(AuthFailure.TooManyFailures, { 'Retry-After': String(blockedFor) }, { retry_after_seconds: blockedFor });
        }
      }
      throw error;
    }
    request.principal = principal;

    if (options?.plan !== undefined && !hasRequiredPlan(principal.plan, options.plan)) throw AuthException.planRequired(options.plan);
    return true;
  }

  private authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    const apiKey = request.headers[API_KEY_HEADER];
    if (apiKey !== undefined) {
      // A header sent twice arrives as an array: ambiguous, so refused like any malformed key.
      return this.apiKeys.authenticate(typeof apiKey === 'string' ? apiKey.trim() : '');
    }
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      if (!/^Bearer\s+\S+$/i.test(authorization)) return Promise.reject(new AuthException(AuthFailure.InvalidToken));
      return this.jwt.authenticate(request, reply);
    }
    return Promise.reject(new AuthException(AuthFailure.MissingCredentials));
  }
}
