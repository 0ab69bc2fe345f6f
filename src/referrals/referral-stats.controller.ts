import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { Credits } from '../billing/credits.decorator';
import { ApiEnvelopeResponse, ApiErrorResponses } from '../common/swagger/api-responses.decorator';
import { ReferralStatsQueryDto } from './dto/referral-stats-query.dto';
import { ReferralStatsResponse } from './dto/referral-stats.response';
import { ReferralStatsService } from './referral-stats.service';

@ApiTags('Referrals')
@Controller('admin/referrals')
export class ReferralStatsController {
  constructor(private readonly stats: ReferralStatsService) {}

  @Get('stats')
  @Auth({ plan: 'admin' })
  @ApiOperation({
    operationId: 'getReferralStats',
    summary: 'Get referral funnel stats',
    description:
      'Returns referral clicks, attributed signups, qualification, reward, cap, and review counts, with signup, ' +
      'qualification and reward rates. Each count is the number of events of that stage whose own timestamp ' +
      'lies in [from, to). Requires the admin plan (admin API key, or admin JWT through the console proxy). ' +
      '**Cost: 1 credit/request**, charged only for successful 2xx responses.',
  })
  @Credits(1)
  @ApiEnvelopeResponse(ReferralStatsResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.TOO_MANY_REQUESTS, HttpStatus.INTERNAL_SERVER_ERROR)
  getStats(@Query() query: ReferralStatsQueryDto): Promise<ReferralStatsResponse> {
    return this.stats.getStats(query);
  }
}
