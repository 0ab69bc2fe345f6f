import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { KeyObject, randomBytes } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccountsService } from '../../accounts/accounts.service';
import { AppConfig } from '../../config/app-config';
import { AuthException, AuthFailure } from '../auth.errors';
import type { Principal } from '../principal';
import { JwksKeyProvider } from './jwks-key-provider';

interface AdminTokenClaims {
  sub?: unknown;
  exp?: unknown;
  jti?: unknown;
  [claim: string]: unknown;
}

/**
 * Verifies `Authorization: Bearer` JWTs with passport-jwt: signature with the configured key (a secret, a
 * PEM public key, or the identity provider's JWKS through JwksKeyProvider as `secretOrKeyProvider`),
 * algorithms pinned (so `alg: none` and HS/RS confusion are refused), `exp` required, `iss`/`aud` when
 * configured. `sub` (or JWT_ACCOUNT_CLAIM) names the account; its plan is read from the database on every
 * request, never from the token, so a downgrade takes effect at once.
 *
 * JwtAuthenticator registers this instance on a passport Authenticator of its own and runs it by name, so
 * passport derives a per-request object from it. The registration under 'jwt' in passport's global registry
 * (made by PassportStrategy) is never looked up: every app in a process (tests start several) overwrites it.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly accountClaim: string;

  constructor(
    config: AppConfig,
    private readonly accounts: AccountsService,
    jwks: JwksKeyProvider,
  ) {
    const jwt = config.auth.jwt;
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ...(jwks.enabled
        ? {
            // jsonwebtoken 9 verifies with a KeyObject as it is; passport-jwt's types only know strings and Buffers.
            secretOrKeyProvider: (_request: unknown, rawToken: string, done: (error: unknown, key?: string) => void) =>
              void jwks.keyFor(rawToken).then(
                (key: KeyObject) => done(null, key as unknown as string),
                (error: unknown) => done(error),
              ),
          }
        : // With JWT unconfigured the guard refuses bearer tokens before this runs; a random key is belt and braces.
          { secretOrKey: jwt?.verificationKey ?? randomBytes(32).toString('hex') }),
      algorithms: [...(jwt?.algorithms ?? ['HS256'])],
      issuer: jwt?.issuer,
      audience: jwt?.audience,
      ignoreExpiration: false,
    });
    this.accountClaim = jwt?.accountClaim ?? 'sub';
  }

  async validate(claims: AdminTokenClaims): Promise<Principal> {
    const accountId = claims[this.accountClaim];
    if (typeof claims.exp !== 'number' || typeof accountId !== 'string') {
      throw new AuthException(AuthFailure.InvalidToken);
    }
    const account = await this.accounts.findById(accountId);
    if (!account) throw new AuthException(AuthFailure.InvalidToken);
    return {
      accountId: account.id,
      plan: account.plan,
      overageEnabled: account.overageEnabled,
      credential: { kind: 'jwt', id: typeof claims.jti === 'string' ? claims.jti : account.id },
    };
  }
}
