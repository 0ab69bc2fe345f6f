import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '../config/app-config';
import { ApiEnvelopeResponse, ApiErrorResponses } from '../common/swagger/api-responses.decorator';
import { NoQueryParameters } from '../common/validation/no-query-parameters.decorator';
import { PlanCatalogResponse, toPlanResponse } from './dto/plan.response';

/** Public and unmetered: prospective customers read it before they have a key. */
@ApiTags('Billing')
@Controller('plans')
export class PlansController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({
    operationId: 'listPlans',
    summary: 'The plan catalog',
    description:
      'Every plan with its monthly price, included credits, daily cap, rate limit and overage price, as this ' +
      'deployment enforces them. Money is in integer US cents. Public and not metered.',
  })
  @ApiEnvelopeResponse(PlanCatalogResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST)
  listPlans(@NoQueryParameters() _query: Record<string, never>): PlanCatalogResponse {
    return { plans: this.config.billing.catalog.publicPlans().map(({ plan, limits }) => toPlanResponse(plan, limits)) };
  }
}
