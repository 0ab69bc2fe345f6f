import { applyDecorators, Controller, Get, Headers, HttpStatus, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Credits } from '../billing/credits.decorator';
import { AccountIdParams } from '../billing/dto/account-id.params';
import { EnvelopeResponse } from '../common/http/envelope';
import { ApiEnvelopeResponse, ApiErrorResponses } from '../common/swagger/api-responses.decorator';
import { envelopeSchema } from '../common/swagger/error-envelopes';
import { DailyUsageResponse, TopConsumersResponse } from './dto/usage-history.response';
import { DailyUsageQueryDto, TopConsumersQueryDto } from './dto/usage-window-query.dto';
import { CSV_COLUMNS, UsageHistoryService } from './usage-history.service';

/** A 200 that is the JSON envelope, or CSV when asked for: both media types declared. */
function ApiDailyUsageResponse(): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(EnvelopeResponse, DailyUsageResponse),
    ApiProduces('application/json', 'text/csv'),
    ApiHeader({
      name: 'accept',
      required: false,
      example: 'text/csv',
      description: '`text/csv` answers CSV (as `format=csv` does); anything else, JSON.',
    }),
    ApiResponse({
      status: HttpStatus.OK,
      description: 'Success: the envelope, or with `format=csv` / `Accept: text/csv` a CSV file of the same days',
      content: {
        'application/json': {
          schema: envelopeSchema({
            code: { type: 'integer', example: 200 },
            msg: { type: 'string', example: 'ok' },
            data: { $ref: getSchemaPath(DailyUsageResponse) },
          }),
        },
        'text/csv': {
          schema: { type: 'string', example: `${CSV_COLUMNS.join(',')}\r\n2026-11-30,1200,1200,1213,1000,0,200,60000,12,0,0\r\n` },
        },
      },
    }),
  );
}

function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  return format === 'csv' || (format === undefined && /(^|,)\s*text\/csv\s*(;|,|$)/i.test(accept ?? ''));
}

const DAILY_DESCRIPTION =
  'Per UTC day of the window (`from` and `to` both **inclusive**, at most 400 days, default the last 30): credits ' +
  'charged and their included / bonus / overage split, the overage cost, charged and admitted requests, and ' +
  'refusals by reason. Credits are exact against the ledger; admissions and refusals are counted in memory and ' +
  'written every second. `format=csv` or `Accept: text/csv` answers the same rows as CSV.';

@ApiTags('Billing')
@Controller()
export class UsageHistoryController {
  constructor(private readonly usage: UsageHistoryService) {}

  @Get('account/usage/daily')
  @Auth()
  @Credits(0)
  @ApiOperation({ operationId: 'getAccountDailyUsage', summary: "The caller's usage per day", description: DAILY_DESCRIPTION })
  @ApiDailyUsageResponse()
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED, HttpStatus.TOO_MANY_REQUESTS, HttpStatus.INTERNAL_SERVER_ERROR)
  async own(
    @CurrentPrincipal() principal: Principal,
    @Query() query: DailyUsageQueryDto,
    @Headers('accept') accept?: string,
  ): Promise<DailyUsageResponse | StreamableFile> {
    const usage = await this.usage.daily(principal.accountId, principal.plan, this.usage.window(query));
    return wantsCsv(query.format, accept) ? this.usage.csv(usage) : usage;
  }

  @Get('admin/accounts/:id/usage/daily')
  @Auth({ plan: 'admin' })
  @Credits(0)
  @ApiOperation({ operationId: 'getAccountDailyUsageAsAdmin', summary: "Any account's usage per day (admin)", description: DAILY_DESCRIPTION })
  @ApiDailyUsageResponse()
  @ApiErrorResponses(
    HttpStatus.BAD_REQUEST,
    HttpStatus.UNAUTHORIZED,
    HttpStatus.FORBIDDEN,
    HttpStatus.NOT_FOUND,
    HttpStatus.TOO_MANY_REQUESTS,
    HttpStatus.INTERNAL_SERVER_ERROR,
  )
  async ofAccount(
    @Param() params: AccountIdParams,
    @Query() query: DailyUsageQueryDto,
    @Headers('accept') accept?: string,
  ): Promise<DailyUsageResponse | StreamableFile> {
    const usage = await this.usage.dailyOfAccount(params.id, this.usage.window(query));
    return wantsCsv(query.format, accept) ? this.usage.csv(usage) : usage;
  }

  @Get('admin/usage/top')
  @Auth({ plan: 'admin' })
  @Credits(0)
  @ApiOperation({
    operationId: 'getTopConsumers',
    summary: 'The accounts charged the most credits (admin)',
    description:
      'Accounts by credits charged in the window (inclusive UTC days, at most 400, default the last 30), largest ' +
      'first; `limit` 1–100 (default 10).',
  })
  @ApiEnvelopeResponse(TopConsumersResponse)
  @ApiErrorResponses(
    HttpStatus.BAD_REQUEST,
    HttpStatus.UNAUTHORIZED,
    HttpStatus.FORBIDDEN,
    HttpStatus.TOO_MANY_REQUESTS,
    HttpStatus.INTERNAL_SERVER_ERROR,
  )
  top(@Query() query: TopConsumersQueryDto): Promise<TopConsumersResponse> {
    return this.usage.top(this.usage.window(query), query.limit ?? 10);
  }
}
