import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { Credits } from '../billing/credits.decorator';
import { ApiEnvelopeResponse, ApiErrorResponses } from '../common/swagger/api-responses.decorator';
import { NoQueryParameters } from '../common/validation/no-query-parameters.decorator';
import { AccountReferralService } from './account-referral.service';
import { AccountReferralResponse } from './dto/referral.response';

@ApiTags('Account')
@Controller('account/referral')
export class AccountReferralController {
  constructor(private readonly accountReferral: AccountReferralService) {}

  @Get()
  @Auth()
  @Credits(0)
  @ApiOperation({
    operationId: 'getAccountReferral',
    summary: 'Your referral code, link and results',
    description: 'Any plan. Share the link; each referral that qualifies earns bonus credits, up to the monthly cap.',
  })
  @ApiEnvelopeResponse(AccountReferralResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST)
  get(@NoQueryParameters() _query: Record<string, never>, @CurrentPrincipal() principal: Principal): Promise<AccountReferralResponse> {
    return this.accountReferral.of(principal.accountId);
  }
}
