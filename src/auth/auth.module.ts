import { Global, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { ApiKey } from './api-keys/api-key.entity';
import { ApiKeyManagementService } from './api-keys/api-key-management.service';
import { AccountApiKeysController, AdminApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysRepository } from './api-keys/api-keys.repository';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { AuthFailuresRepository } from './auth-failures.repository';
import { CredentialsGuard } from './guards/credentials.guard';
import { JwtAuthenticator } from './jwt/jwt-authenticator';
import { JwksKeyProvider } from './jwt/jwks-key-provider';
import { JwtStrategy } from './jwt/jwt.strategy';

/** Global, so any feature module can put `@Auth()` on a route without importing it. */
@Global()
@Module({
  imports: [PassportModule, AccountsModule, TypeOrmModule.forFeature([ApiKey])],
  controllers: [AdminApiKeysController, AccountApiKeysController],
  providers: [
    ApiKeyManagementService,
    ApiKeysRepository,
    ApiKeysService,
    AuthFailureLimiter,
    AuthFailuresRepository,
    CredentialsGuard,
    JwtAuthenticator,
    JwksKeyProvider,
    JwtStrategy,
  ],
  exports: [ApiKeysService, AuthFailureLimiter, CredentialsGuard, JwtAuthenticator, AccountsModule],
})
export class AuthModule {}
