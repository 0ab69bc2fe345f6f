import { Controller, Get, Module, OnModuleInit, Query } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Auth } from '../src/auth/auth.decorator';
import { Credits } from '../src/billing/credits.decorator';
import { ReferralStatsQueryDto } from '../src/referrals/dto/referral-stats-query.dto';
import { ReferralStatsResponse } from '../src/referrals/dto/referral-stats.response';
import { ReferralStatsService } from '../src/referrals/stats/referral-stats.service';

export const BENCH_METERED = '/api/v1/bench/stats-metered';
export const BENCH_UNMETERED = '/api/v1/bench/stats-unmetered';

/**
 * Two twins of the referral stats endpoint: the same authentication, validation, service and query, differing
 * only by `@Credits(1)`. Comparing them isolates what metering costs. Mounted by the benchmark only.
 */
@Controller('bench')
class BenchStatsController implements OnModuleInit {
  private stats: ReferralStatsService;

  constructor(private readonly moduleRef: ModuleRef) {}

  /** The very instance ReferralsModule serves the real endpoint with (it is not exported, hence strict: false). */
  onModuleInit(): void {
    this.stats = this.moduleRef.get(ReferralStatsService, { strict: false });
  }

  @Get('stats-metered')
  @Auth()
  @Credits(1)
  metered(@Query() query: ReferralStatsQueryDto): Promise<ReferralStatsResponse> {
    return this.stats.getStats(query);
  }

  @Get('stats-unmetered')
  @Auth()
  unmetered(@Query() query: ReferralStatsQueryDto): Promise<ReferralStatsResponse> {
    return this.stats.getStats(query);
  }
}

@Module({ controllers: [BenchStatsController] })
export class BenchRoutesModule {}
