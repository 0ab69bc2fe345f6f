import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { Credits } from '../billing/credits.decorator';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ReadsFromReplica } from '../database/replicas/reads-from-replica.decorator';
import { ApiEnvelopeResponse, ApiErrorResponses } from '../common/swagger/api-responses.decorator';
import { NoQueryParameters } from '../common/validation/no-query-parameters.decorator';
import { ReferralListQueryDto } from './dto/referral-list-query.dto';
import { ReferralResponse, ReferralPageResponse, ReferralWithHistoryResponse, SignupResponse } from './dto/referral.response';
import { RejectReferralDto } from './dto/reject-referral.dto';
import { actorOf, ReferralLifecycleService } from './lifecycle/referral-lifecycle.service';
import { ReferralReviewService } from './lifecycle/referral-review.service';
import { AttributionService } from './signups/attribution.service';
import { ReferralSignupDto } from './signups/referral-signup.dto';

const { BAD_REQUEST, NOT_FOUND, CONFLICT, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE_ENTITY } = HttpStatus;

const ID_PARAM = { name: 'id', format: 'uuid', description: 'Referral id' };

/** Signup attribution and the review queue: admin credentials, metered like every admin route. */
@ApiTags('Referrals')
@Controller()
@Auth({ plan: 'admin' })
export class AdminReferralsController {
  constructor(
    private readonly attribution: AttributionService,
    private readonly review: ReferralReviewService,
    private readonly lifecycle: ReferralLifecycleService,
  ) {}

  @Post('referrals/signups')
  @HttpCode(HttpStatus.CREATED)
  @Credits(1)
  @Idempotent()
  @ApiOperation({
    operationId: 'createReferralSignup',
    summary: 'Record a signup and attribute it',
    description:
      "Called by the platform's signup flow. Creates the account (free plan) and, when the signup can be " +
      'attributed, its referral: the `crw_ref` cookie value (last click within the attribution window) wins, ' +
      'a referral code is used otherwise; a tampered or expired cookie is ignored. Fraud rules may reject the ' +
      'referral (self-referral) or hold it for review.',
  })
  @ApiEnvelopeResponse(SignupResponse, HttpStatus.CREATED)
  @ApiErrorResponses(BAD_REQUEST, CONFLICT, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE_ENTITY)
  signup(
    @Body() signup: ReferralSignupDto,
    @NoQueryParameters() _query: Record<string, never>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SignupResponse> {
    return this.attribution.recordSignup(signup, actorOf(principal));
  }

  @Get('admin/referrals')
  @Credits(1)
  @ReadsFromReplica()
  @ApiOperation({
    operationId: 'listReferrals',
    summary: 'List referrals for review', description: 'Newest signups first, keyset-paginated.' })
  @ApiEnvelopeResponse(ReferralPageResponse)
  @ApiErrorResponses(BAD_REQUEST)
  list(@Query() query: ReferralListQueryDto): Promise<ReferralPageResponse> {
    return this.review.list(query);
  }

  @Get('admin/referrals/:id')
  @Credits(1)
  @ReadsFromReplica()
  @ApiOperation({ operationId: 'getReferral', summary: 'Get a referral with its status history' })
  @ApiParam(ID_PARAM)
  @ApiEnvelopeResponse(ReferralWithHistoryResponse)
  @ApiErrorResponses(BAD_REQUEST, NOT_FOUND)
  get(@Param('id') id: string, @NoQueryParameters() _query: Record<string, never>): Promise<ReferralWithHistoryResponse> {
    return this.review.get(id);
  }

  @Post('admin/referrals/:id/approve')
  @HttpCode(HttpStatus.OK)
  @Credits(1)
  @Idempotent()
  @ApiOperation({
    operationId: 'approveReferral',
    summary: 'Approve a referral held for review', description: 'review_required -> signed_up.' })
  @ApiParam(ID_PARAM)
  @ApiEnvelopeResponse(ReferralResponse)
  @ApiErrorResponses(BAD_REQUEST, NOT_FOUND, CONFLICT, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE_ENTITY)
  approve(@Param('id') id: string, @NoQueryParameters() _query: Record<string, never>, @CurrentPrincipal() principal: Principal): Promise<ReferralResponse> {
    return this.lifecycle.approve(id, actorOf(principal));
  }

  @Post('admin/referrals/:id/reject')
  @HttpCode(HttpStatus.OK)
  @Credits(1)
  @Idempotent()
  @ApiOperation({
    operationId: 'rejectReferral',
    summary: 'Reject a referral', description: 'review_required or signed_up -> rejected; a reason is required.' })
  @ApiParam(ID_PARAM)
  @ApiEnvelopeResponse(ReferralResponse)
  @ApiErrorResponses(BAD_REQUEST, NOT_FOUND, CONFLICT, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE_ENTITY)
  reject(@Param('id') id: string, @NoQueryParameters() _query: Record<string, never>, @Body() body: RejectReferralDto, @CurrentPrincipal() principal: Principal): Promise<ReferralResponse> {
    return this.lifecycle.reject(id, body.reason, actorOf(principal));
  }

  @Post('admin/referrals/:id/qualify')
  @HttpCode(HttpStatus.OK)
  @Credits(1)
  @Idempotent()
  @ApiOperation({
    operationId: 'qualifyReferral',
    summary: 'Qualify a referral by hand',
    description:
      'signed_up -> qualified, then at once rewarded (bonus credits to the referrer) or capped when the referrer ' +
      'has reached the monthly reward cap. Referrals under review or rejected cannot qualify (409).',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelopeResponse(ReferralResponse)
  @ApiErrorResponses(BAD_REQUEST, NOT_FOUND, CONFLICT, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE_ENTITY)
  qualify(@Param('id') id: string, @NoQueryParameters() _query: Record<string, never>, @CurrentPrincipal() principal: Principal): Promise<ReferralResponse> {
    return this.lifecycle.qualify(id, actorOf(principal));
  }
}
