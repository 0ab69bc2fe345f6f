import { Controller, Get, HttpStatus, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { ATTRIBUTION_COOKIE } from './attribution-cookie';
import { ClickTrackingService } from './click-tracking.service';

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
    summary: 'Follow a referral link',
    description:
      'Records a click (unless it is a bot, a repeat by the same visitor within 30 minutes, or over the ' +
      'per-IP limit) and redirects to the landing page with a signed, HttpOnly attribution cookie ' +
      `(\`${ATTRIBUTION_COOKIE}\`). Unknown codes redirect without recording. Public, unmetered.`,
  })
  @ApiParam({ name: 'code', example: 'ADA2026' })
  @ApiQuery({ name: 'utm_campaign', required: false, example: 'spring_launch' })
  @ApiQuery({ name: 'utm_source', required: false, example: 'newsletter' })
  @ApiQuery({ name: 'utm_medium', required: false, example: 'email' })
  @ApiQuery({ name: 'utm_term', required: false })
  @ApiQuery({ name: 'utm_content', required: false })
  @ApiResponse({ status: HttpStatus.FOUND, description: 'Redirect to the landing page.' })
  @ApiResponse({ status: HttpStatus.BAD_REQUEST, description: 'A redirect target outside the landing origin.' })
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
