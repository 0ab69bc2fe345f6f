import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { AccountsModule } from '../accounts/accounts.module';
import { MeteredRoutesCheck } from './metered-routes.check';
import { MeteredRoutesDocumentation } from './metered-routes.documentation';
import { BonusCreditsRepository } from './bonus-credits.repository';
import { BonusCreditsService } from './bonus-credits.service';
import { ChargesRepository } from './charges.repository';
import { ChargesService } from './charges.service';
import { AdmissionBatcher } from './metering/admission-batcher';
import { ExpiredAdmissionsSweeper } from './metering/expired-admissions.sweeper';
import { MeteringRepository } from './metering/metering.repository';
import { MeteringInterceptor } from './metering.interceptor';
import { MeteringService } from './metering.service';
import { ReconciliationRepository } from './reconciliation.repository';
import { PlansController } from './plans.controller';
import { PostgresSlidingLogRateLimiter } from './rate-limit/postgres-sliding-log.rate-limiter';
import { RATE_LIMITER } from './rate-limit/rate-limiter';
import { UsageController } from './usage.controller';
import { UsageRepository } from './usage.repository';
import { UsageService } from './usage.service';

/**
 * Plans, metering and usage. The interceptor is global but inert on routes without `@Credits(n)`, so any
 * module meters a route by decorating it; no module needs to import this one.
 */
@Module({
  imports: [AccountsModule, DiscoveryModule],
  controllers: [PlansController, UsageController],
  providers: [
    AdmissionBatcher,
    BonusCreditsRepository,
    BonusCreditsService,
    ChargesRepository,
    ChargesService,
    MeteredRoutesCheck,
    MeteredRoutesDocumentation,
    ReconciliationRepository,
    MeteringRepository,
    MeteringService,
    ExpiredAdmissionsSweeper,
    // The one place that chooses the rate limiter (rate-limit/rate-limiter.ts): another store is another class here.
    { provide: RATE_LIMITER, useClass: PostgresSlidingLogRateLimiter },
    UsageRepository,
    UsageService,
    { provide: APP_INTERCEPTOR, useClass: MeteringInterceptor },
  ],
  exports: [BonusCreditsService, ChargesService, MeteringService],
})
export class BillingModule {}
