import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { AccountsService } from '../accounts/accounts.service';
import { BillingModule } from '../billing/billing.module';
import { MeteringService } from '../billing/metering.service';
import { PAYING_PLANS } from '../plans/plan-registry';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AccountReferralController } from './account-referral.controller';
import { AccountReferralService } from './account-referral.service';
import { AdminReferralsController } from './admin-referrals.controller';
import { ReferralClick } from './entities/referral-click.entity';
import { Referral } from './entities/referral.entity';
import { ClickTrackingController } from './clicks/click-tracking.controller';
import { ClickTrackingService } from './clicks/click-tracking.service';
import { ClicksRepository } from './clicks/clicks.repository';
import { ReferralLifecycleService } from './lifecycle/referral-lifecycle.service';
import { ReferralReviewService } from './lifecycle/referral-review.service';
import { ReferralsRepository } from './lifecycle/referrals.repository';
import { UsageQualificationWatcher } from './lifecycle/usage-qualification.watcher';
import { ReferralHashing } from './referral-hashing';
import { ReferralHistoryService } from './referral-history.service';
import { ReferralStatsController } from './stats/referral-stats.controller';
import { ReferralStatsRepository } from './stats/referral-stats.repository';
import { ReferralStatsService } from './stats/referral-stats.service';
import { AttributionService } from './signups/attribution.service';

/** The referral program: link clicks, signup attribution, review, qualification and rewards, and its stats. */
@Module({
  imports: [AccountsModule, BillingModule, WebhooksModule, TypeOrmModule.forFeature([Referral, ReferralClick])],
  controllers: [ReferralStatsController, ClickTrackingController, AdminReferralsController, AccountReferralController],
  providers: [
    AccountReferralService,
    AttributionService,
    ClickTrackingService,
    ClicksRepository,
    ReferralHashing,
    ReferralHistoryService,
    ReferralLifecycleService,
    ReferralReviewService,
    ReferralStatsRepository,
    ReferralStatsService,
    ReferralsRepository,
    UsageQualificationWatcher,
  ],
  exports: [ReferralHistoryService, ReferralLifecycleService],
})
export class ReferralsModule implements OnModuleInit {
  constructor(
    private readonly accounts: AccountsService,
    private readonly metering: MeteringService,
    private readonly lifecycle: ReferralLifecycleService,
    private readonly usageQualification: UsageQualificationWatcher,
  ) {}

  /** A referee qualifies its referral by moving onto a paying plan, or by using the qualifying credits. */
  onModuleInit(): void {
    this.accounts.onPlanChanged(async ({ accountId, to }) => {
      if (PAYING_PLANS.includes(to)) await this.lifecycle.onRefereeBecamePaying(accountId);
    });
    this.metering.onCharged(({ accountId }) => this.usageQualification.noteCharge(accountId));
  }
}
