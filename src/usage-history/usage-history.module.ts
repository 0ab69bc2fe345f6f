import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { BillingModule } from '../billing/billing.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { UsageCounterRecorder } from './usage-counter.recorder';
import { UsageHistoryController } from './usage-history.controller';
import { UsageHistoryRepository } from './usage-history.repository';
import { UsageHistoryService } from './usage-history.service';

/**
 * Usage per day (from the ledger and the admission/refusal counters), its CSV export, the top consumers, and
 * the billing webhook events. Owns usage_daily_counters and usage_overage_periods.
 */
@Module({
  imports: [AccountsModule, BillingModule, WebhooksModule],
  controllers: [UsageHistoryController],
  providers: [UsageCounterRecorder, UsageHistoryRepository, UsageHistoryService],
  exports: [UsageCounterRecorder],
})
export class UsageHistoryModule {}
