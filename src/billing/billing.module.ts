import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { AccountsModule } from '../accounts/accounts.module';
import { AdmissionBatcher } from './admission-batcher';
import { MeteredRoutesDocumentation } from './metered-routes.documentation';
import { BonusCreditsRepository } from './bonus-credits.repository';
import { BonusCreditsService } from './bonus-credits.service';
import { ChargesRepository } from './charges.repository';
import { ChargesService } from './charges.service';
import { MeteringInterceptor } from './metering.interceptor';
import { MeteringRepository } from './metering.repository';
import { MeteringService } from './metering.service';
import { ReconciliationRepository } from './reconciliation.repository';
import { PlansController } from './plans.controller';
import { ReservationSweeper } from './reservation-sweeper.service';
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
    MeteredRoutesDocumentation,
    ReconciliationRepository,
    MeteringRepository,
    MeteringService,
    ReservationSweeper,
    UsageRepository,
    UsageService,
    { provide: APP_INTERCEPTOR, useClass: MeteringInterceptor },
  ],
  exports: [BonusCreditsService, ChargesService, MeteringService],
})
export class BillingModule {}
