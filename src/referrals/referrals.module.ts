import { Module } from '@nestjs/common';
import { ReferralStatsController } from './referral-stats.controller';
import { ReferralStatsRepository } from './referral-stats.repository';
import { ReferralStatsService } from './referral-stats.service';

@Module({
  controllers: [ReferralStatsController],
  providers: [ReferralStatsService, ReferralStatsRepository],
})
export class ReferralsModule {}
