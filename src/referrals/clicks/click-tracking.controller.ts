import { Controller, Get, HttpStatus, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorResponses } from '../../common/swagger/api-responses.decorator';
import { AppConfig } from '../../config/app-config';
import { ATTRIBUTION_COOKIE } from './attribution-cookie';
import { ClickTrackingService } from './click-tracking.service';

const UTM_SCHEMA = {
  type: 'string',
  description: 'Recorded with the click: the first value, trimmed, cut to 200 characters.',
} as const;

/** The public referral link. Outside /api/v1: it is shared with people, not called by integrations. */
@ApiTags('Referrals')
@Controller('r')
export class ClickTrackingController {
  constructor(
    private readonly clicks: ClickTrackingService,
    private readonly config: AppConfig,
  ) {}

  @Get(':code')
  @ApiOperation({
    operationId: 'followReferralLink',
    summary: 'Follow a referral link',
    description:
      'Records a click (unless it is a bot, a repeat by the same visitor within 30 minutes, or over the ' +
      'per-IP limit) and redirects to the landing page with a signed, HttpOnly attribution cookie ' +
      `(\`${ATTRIBUTION_COOKIE}\`); a repeat within 30 minutes gets the first click's cookie again. Unknown ` +
      'codes redirect without recording or cookie. Other query parameters (fbclid, gclid, …) are ignored: ' +
      'shared links carry them. Public, unmetered.',
  })
  @ApiParam({ name: 'code', schema: { type: 'string', example: 'ADA2026' }, description: 'The referrer\'s referral code.' })
  @ApiQuery({ name: 'utm_campaign', required: false, schema: { ...UTM_SCHEMA, example: 'spring_launch' } })
  @ApiQuery({ name: 'utm_source', required: false, schema: { ...UTM_SCHEMA, example: 'newsletter' } })
  @ApiQuery({ name: 'utm_medium', required: false, schema: { ...UTM_SCHEMA, example: 'email' } })
  @ApiQuery({ name: 'utm_term', required: false, schema: UTM_SCHEMA })
  @ApiQuery({ name: 'utm_content', required: false, schema: UTM_SCHEMA })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'A page on the landing page\'s origin to land on instead (also read as redirect, next, url…).',
    schema: { type: 'string', example: '/pricing' },
  })
  @ApiResponse({
    status: HttpStatus.FOUND,
    description: 'Redirect to the landing page; no body.',
    headers: {
      Location: { description: 'The landing page (REFERRAL_LANDING_URL) or the `to` page.', schema: { type: 'string', format: 'uri' } },
      'Set-Cookie': {
        description: `\`${ATTRIBUTION_COOKIE}=<signed click>; Max-Age=…; Path=/; HttpOnly; SameSite=Lax\`, on a counted click or its repeat.`,
        schema: { type: 'string' },
      },
    },
  })
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.INTERNAL_SERVER_ERROR, HttpStatus.SERVICE_UNAVAILABLE)
  async follow(
    @Param('code') code: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const outcome = await this.clicks.visit({
      code,
      query: (request.query ?? {}) as Record<string, unknown>,
      ip: request.ip,
      userAgent: request.headers['user-agent'],
    });
    if (outcome.attributionToken) {
      void reply.header('set-cookie', this.cookie(outcome.attributionToken));
    }
    void reply.header('cache-control', 'no-store').redirect(outcome.location, HttpStatus.FOUND);
  }

  private cookie(token: string): string {
    const { attributionWindowMs, cookieDomain, cookieSecure } = this.config.referrals;
    return [
      `${ATTRIBUTION_COOKIE}=${token}`,
      `Max-Age=${Math.floor(attributionWindowMs / 1000)}`,
      'Path=/',
      'HttpOnly',
      'SameSite=Lax',
      ...(cookieSecure ? ['Secure'] : []),
      ...(cookieDomain ? [`Domain=${cookieDomain}`] : []),
    ].join('; ');
  }
}
