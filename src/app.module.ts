import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AccountsModule } from './accounts/accounts.module';
import { AuthModule } from './auth/auth.module';
import { BillingModule } from './billing/billing.module';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { EnvelopeInterceptor } from './common/http/envelope.interceptor';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { ApiValidationPipe } from './common/validation/api-validation.pipe';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ReplicasModule } from './database/replicas/replicas.module';
import { DemoModule } from './demo/demo.module';
import { HealthModule } from './health/health.module';
import { ObservabilityModule } from './observability/observability.module';
import { ReferralsModule } from './referrals/referrals.module';
import { UsageHistoryModule } from './usage-history/usage-history.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/**
 * The whole service. Built from a validated AppConfig, so tests construct it exactly as main.ts does.
 * `extraModules` lets tests mount test-only routes (for example a metered route that throws) beside the real ones.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, extraModules: Array<Type | DynamicModule> = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        ReplicasModule,
        HealthModule,
        ObservabilityModule,
        AccountsModule,
        AuthModule,
        IdempotencyModule,
        BillingModule,
        ReferralsModule,
        WebhooksModule,
        UsageHistoryModule,
        DemoModule,
        ...extraModules,
      ],
      providers: [
        { provide: APP_PIPE, useClass: ApiValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
      ],
    };
  }
}
