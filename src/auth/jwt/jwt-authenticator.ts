import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenExpiredError } from 'jsonwebtoken';
import passport from 'passport';
import { AppConfig } from '../../config/app-config';
import { AuthException, AuthFailure } from '../auth.errors';
import type { Principal } from '../principal';
import { JwtStrategy } from './jwt.strategy';

/** Runs the passport-jwt strategy for one request and turns its outcome into a Principal or an AuthException. */
@Injectable()
export class JwtAuthenticator {
  constructor(
    private readonly strategy: JwtStrategy,
    private readonly config: AppConfig,
  ) {}

  authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    if (!this.config.auth.jwt) return Promise.reject(new AuthException(AuthFailure.InvalidToken));
    return new Promise((resolve, reject) => {
      const middleware = passport.authenticate(
        this.strategy,
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
