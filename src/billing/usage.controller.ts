import { Controller, Get, HttpStatus, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ApiEnvelopeResponse, ApiErrorResponses } from '../common/swagger/api-responses.decorator';
import { NoQueryParameters } from '../common/validation/no-query-parameters.decorator';
import { Credits } from './credits.decorator';
import { AccountIdParams } from './dto/account-id.params';
import { UsageResponse } from './dto/usage.response';
import { UsageService } from './usage.service';

@ApiTags('Billing')
@Controller()
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get('account/usage')
  @Auth()
  @Credits(0)
  @ApiOperation({
    operationId: 'getAccountUsage',
    summary: "The caller's usage this period and today",
    description:
      'Plan, billing period (calendar month, UTC), included / used / remaining credits, overage and its cost, ' +
      "today's usage against the daily cap, and the rate limit. Any plan, any credential.",
  })
  @ApiEnvelopeResponse(UsageResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST)
  getOwnUsage(@NoQueryParameters() _query: Record<string, never>, @CurrentPrincipal() principal: Principal): Promise<UsageResponse> {
    return this.usage.usageOf(principal);
  }

  @Get('admin/accounts/:id/usage')
  @Auth({ plan: 'admin' })
  @Credits(0)
  @ApiOperation({
    operationId: 'getAccountUsageAsAdmin',
    summary: "Any account's usage (admin)",
    description: 'The same report as `GET /api/v1/account/usage`, for the account named in the path.',
  })
  @ApiEnvelopeResponse(UsageResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  getAccountUsage(@Param() params: AccountIdParams, @NoQueryParameters() _query: Record<string, never>): Promise<UsageResponse> {
    return this.usage.usageOfAccount(params.id);
  }
}
