import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenExpiredError } from 'jsonwebtoken';
import { Authenticator } from 'passport';
import { AppConfig } from '../../config/app-config';
import { AuthException, AuthFailure } from '../auth.errors';
import type { Principal } from '../principal';
import { JwtStrategy } from './jwt.strategy';

const STRATEGY_NAME = 'jwt';

/**
 * Runs the passport-jwt strategy for one request and turns its outcome into a Principal or an AuthException.
 *
 * The strategy is registered by name on a passport Authenticator of this provider's own, and always looked up
 * by that name: passport then derives a fresh object from the strategy for each request
 * (`Object.create(strategy)`) and sets that request's success/fail callbacks on it. Handing the shared
 * instance to `authenticate()` instead makes passport set them on the one object every request shares, so
 * concurrent requests receive each other's accounts (a free-plan token answered with an admin's identity).
 * The private Authenticator keeps passport's global registry out of it: every app in a process (tests
 * start several) would overwrite the other's 'jwt' there.
 */
@Injectable()
export class JwtAuthenticator {
  private readonly passport = new Authenticator();

  constructor(
    strategy: JwtStrategy,
    private readonly config: AppConfig,
  ) {
    this.passport.use(STRATEGY_NAME, strategy);
  }

  authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    if (!this.config.auth.jwt) return Promise.reject(new AuthException(AuthFailure.InvalidToken));
    return new Promise((resolve, reject) => {
      const middleware = this.passport.authenticate(
        STRATEGY_NAME,
        { session: false },
        (error: unknown, principal: Principal | false, info: unknown) => {
          if (error instanceof AuthException) return reject(error);
          if (error) return reject(error); // a database failure while loading the account: a 5xx, not a 401
          if (principal) return resolve(principal);
          reject(new AuthException(info instanceof TokenExpiredError ? AuthFailure.ExpiredToken : AuthFailure.InvalidToken));
        },
      );
      middleware(request, reply, (error?: unknown) => reject(error ?? new AuthException(AuthFailure.InvalidToken)));
    });
  }
}
