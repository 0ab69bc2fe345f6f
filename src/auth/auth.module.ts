import { Global, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccountsModule } from '../accounts/accounts.module';
import { ApiKeysRepository } from './api-keys/api-keys.repository';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { CredentialsGuard } from './guards/credentials.guard';
import { JwtAuthenticator } from './jwt/jwt-authenticator';
import { JwtStrategy } from './jwt/jwt.strategy';

/** Global, so any feature module can put `@Auth()` on a route without importing it. */
@Global()
@Module({
  imports: [PassportModule, AccountsModule],
  providers: [
    ApiKeysRepository,
    ApiKeysService,
    AuthFailureLimiter,
    CredentialsGuard,
    JwtAuthenticator,
    JwtStrategy,
  ],
  exports: [ApiKeysService, AuthFailureLimiter, CredentialsGuard, JwtAuthenticator, AccountsModule],
})
export class AuthModule {}
