import { applyDecorators, Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AccountIdParams } from '../../billing/dto/account-id.params';
import { EnvelopeResponse } from '../../common/http/envelope';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { ApiEnvelopeResponse, ApiErrorResponses } from '../../common/swagger/api-responses.decorator';
import { envelopeSchema } from '../../common/swagger/error-envelopes';
import { NoQueryParameters } from '../../common/validation/no-query-parameters.decorator';
import { Auth } from '../auth.decorator';
import { CurrentPrincipal, type Principal } from '../principal';
import { actorOf, ApiKeyManagementService } from './api-key-management.service';
import { CreateApiKeyDto, KeyAuditQueryDto, KeyIdParams, OwnKeyAuditQueryDto, RotateApiKeyDto } from './dto/api-key.requests';
import {
  ApiKeyResponse,
  ApiKeyListResponse,
  CreatedApiKeyResponse,
  KeyChangeEventPageResponse,
  RotatedApiKeyResponse,
} from './dto/api-key.response';

const SHOWN_ONCE =
  'The response carries the key itself in `key`, this once: store it now. Idempotent with `Idempotency-Key` ' +
  '(a replay answers the same key record with `key: null`, since the secret is never stored).';
const FREE =
  '**Not metered**: free, and not counted against the plan rate limit, so a leaked key can always be rotated ' +
  'or revoked, even by an account out of credits or at its limit.';
const COMMON_ERRORS = [HttpStatus.INTERNAL_SERVER_ERROR] as const;
/** A JSON body: too large, or not JSON. */
const BODY_ERRORS = [HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNSUPPORTED_MEDIA_TYPE] as const;

const REQUEST_ID_EXAMPLE = '5b0f6c1e-4a8e-4c55-9a5e-2f1d0f1f3c11';

/** The 409s of key management, with their own `data.reason`, rather than the generic (referral) example. */
function ApiKeyConflictResponse(): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(EnvelopeResponse),
    ApiResponse({
      status: HttpStatus.CONFLICT,
      description:
        '`data.reason`: `api_key_limit_reached` (the account holds API_KEY_MAX_LIVE_PER_ACCOUNT live keys; ' +
        '`data.limit`, `data.live`), `api_key_rotated` (already rotated: rotate `data.rotated_to_id` instead), ' +
        '`api_key_revoked`, `api_key_expired`. Without a reason: a request with the same Idempotency-Key is still ' +
        'in progress.',
      schema: envelopeSchema({
        code: { type: 'integer', enum: [409], example: 409 },
        msg: { type: 'string', example: 'API key limit reached: an account may hold 20 live keys; revoke one first' },
        data: {
          type: 'object',
          properties: {
            request_id: { type: 'string' },
            reason: { type: 'string', enum: ['api_key_limit_reached', 'api_key_rotated', 'api_key_revoked', 'api_key_expired'] },
            limit: { type: 'integer' },
            live: { type: 'integer' },
            rotated_to_id: { type: 'string', format: 'uuid', nullable: true },
          },
          required: ['request_id'],
        },
      }),
      examples: {
        api_key_limit_reached: {
          summary: 'api_key_limit_reached',
          value: {
            code: 409,
            msg: 'API key limit reached: an account may hold 20 live keys; revoke one first',
            data: { request_id: REQUEST_ID_EXAMPLE, reason: 'api_key_limit_reached', limit: 20, live: 20 },
          },
        },
        api_key_rotated: {
          summary: 'api_key_rotated',
          value: {
            code: 409,
            msg: 'This API key was already rotated; rotate its replacement instead',
            data: { request_id: REQUEST_ID_EXAMPLE, reason: 'api_key_rotated', rotated_to_id: '6d1f2a0e-3c4b-4e8a-9f1d-7a2b3c4d5e6f' },
          },
        },
      },
    }),
  );
}

/** An admin (console backend) manages any account's keys. Every change is audited. */
@ApiTags('API keys')
@Controller()
@Auth({ plan: 'admin' })
export class AdminApiKeysController {
  constructor(private readonly management: ApiKeyManagementService) {}

  @Post('admin/accounts/:id/keys')
  @HttpCode(HttpStatus.CREATED)
  @Idempotent({ secretFields: ['key'] })
  @ApiOperation({
    operationId: 'createAccountKeyAsAdmin',
    summary: "Create a key for any account (admin)",
    description: `${SHOWN_ONCE} 409 \`api_key_limit_reached\` when the account already holds API_KEY_MAX_LIVE_PER_ACCOUNT (20) live keys. ${FREE}`,
  })
  @ApiBody({ type: CreateApiKeyDto, required: false, description: 'Optional: an empty or absent body creates a key named "default" that never expires.' })
  @ApiEnvelopeResponse(CreatedApiKeyResponse, HttpStatus.CREATED)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY, ...BODY_ERRORS, ...COMMON_ERRORS)
  @ApiKeyConflictResponse()
  create(@Param() params: AccountIdParams, @NoQueryParameters() _query: Record<string, never>, @Body() body: CreateApiKeyDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): Promise<CreatedApiKeyResponse> {
    return this.management.create(params.id, body ?? {}, actorOf(principal, request));
  }

  @Get('admin/accounts/:id/keys')
  @ApiOperation({
    operationId: 'listAccountKeysAsAdmin',
    summary: "List any account's keys (admin)",
    description: `Every key with its status, last use, expiry, revocation and rotation links; never a secret. ${FREE}`,
  })
  @ApiEnvelopeResponse(ApiKeyListResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, ...COMMON_ERRORS)
  list(@Param() params: AccountIdParams, @NoQueryParameters() _query: Record<string, never>): Promise<ApiKeyListResponse> {
    return this.management.list(params.id);
  }

  @Post('admin/keys/:id/rotate')
  @HttpCode(HttpStatus.CREATED)
  @Idempotent({ secretFields: ['key'] })
  @ApiOperation({
    operationId: 'rotateKeyAsAdmin',
    summary: 'Rotate any key (admin)',
    description:
      `Issues a replacement (same name, same account) and keeps the old key working for \`overlap_seconds\` ` +
      `(default 86400, at most 604800); after that the old key answers 401 \`rotated_api_key\`. ${SHOWN_ONCE} ` +
      `409 for a revoked, expired or already rotated key. ${FREE}`,
  })
  @ApiBody({ type: RotateApiKeyDto, required: false, description: 'Optional: an empty or absent body rotates with a 24 h overlap.' })
  @ApiEnvelopeResponse(RotatedApiKeyResponse, HttpStatus.CREATED)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY, ...BODY_ERRORS, ...COMMON_ERRORS)
  @ApiKeyConflictResponse()
  rotate(@Param() params: KeyIdParams, @NoQueryParameters() _query: Record<string, never>, @Body() body: RotateApiKeyDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): Promise<RotatedApiKeyResponse> {
    return this.management.rotate(params.id, body ?? {}, actorOf(principal, request));
  }

  @Delete('admin/keys/:id')
  @ApiOperation({
    operationId: 'revokeKeyAsAdmin',
    summary: 'Revoke any key now (admin)',
    description:
      'The key answers 401 `revoked_api_key` on every instance within API_KEY_CACHE_TTL_MS (5 s). Repeating ' +
      `it answers the same record and changes nothing. ${FREE}`,
  })
  @ApiEnvelopeResponse(ApiKeyResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, ...COMMON_ERRORS)
  revoke(@Param() params: KeyIdParams, @NoQueryParameters() _query: Record<string, never>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): Promise<ApiKeyResponse> {
    return this.management.revoke(params.id, actorOf(principal, request));
  }

  @Get('admin/keys/audit')
  @ApiOperation({
    operationId: 'listKeyAuditEventsAsAdmin',
    summary: 'Audit trail of key changes (admin)',
    description:
      'Every creation, rotation and revocation, by anyone (admin, the account itself, the CLI): who (credential ' +
      `and account), when, which key, from where (IP, user agent, request id). Newest first. ${FREE}`,
  })
  @ApiEnvelopeResponse(KeyChangeEventPageResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, ...COMMON_ERRORS)
  audit(@Query() query: KeyAuditQueryDto): Promise<KeyChangeEventPageResponse> {
    return this.management.auditTrail(query);
  }
}

/** Any plan manages its own keys; another account's key id is "not found". */
@ApiTags('API keys')
@Controller('account/keys')
@Auth()
export class AccountApiKeysController {
  constructor(private readonly management: ApiKeyManagementService) {}

  @Get()
  @ApiOperation({
    operationId: 'listOwnKeys',
    summary: "List the caller's keys",
    description: `Every key of the calling account; never a secret. ${FREE}`,
  })
  @ApiEnvelopeResponse(ApiKeyListResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, ...COMMON_ERRORS)
  list(@NoQueryParameters() _query: Record<string, never>, @CurrentPrincipal() principal: Principal): Promise<ApiKeyListResponse> {
    return this.management.list(principal.accountId);
  }

  @Get('audit')
  @ApiOperation({
    operationId: 'listOwnKeyAuditEvents',
    summary: "Audit trail of the caller's key changes",
    description:
      "Every creation, rotation and revocation of the calling account's keys, by the account itself, an admin or " +
      `an operator: who, when, which key, from where. Newest first. ${FREE}`,
  })
  @ApiEnvelopeResponse(KeyChangeEventPageResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, ...COMMON_ERRORS)
  audit(@Query() query: OwnKeyAuditQueryDto, @CurrentPrincipal() principal: Principal): Promise<KeyChangeEventPageResponse> {
    return this.management.auditTrail({ ...query, account_id: principal.accountId });
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Idempotent({ secretFields: ['key'] })
  @ApiOperation({
    operationId: 'createOwnKey',
    summary: 'Create a key for the caller',
    description: `${SHOWN_ONCE} 409 \`api_key_limit_reached\` at API_KEY_MAX_LIVE_PER_ACCOUNT (20) live keys. ${FREE}`,
  })
  @ApiBody({ type: CreateApiKeyDto, required: false, description: 'Optional: an empty or absent body creates a key named "default" that never expires.' })
  @ApiEnvelopeResponse(CreatedApiKeyResponse, HttpStatus.CREATED)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.UNPROCESSABLE_ENTITY, ...BODY_ERRORS, ...COMMON_ERRORS)
  @ApiKeyConflictResponse()
  create(@NoQueryParameters() _query: Record<string, never>, @Body() body: CreateApiKeyDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): Promise<CreatedApiKeyResponse> {
    return this.management.create(principal.accountId, body ?? {}, actorOf(principal, request));
  }

  @Post(':id/rotate')
  @HttpCode(HttpStatus.CREATED)
  @Idempotent({ secretFields: ['key'] })
  @ApiOperation({
    operationId: 'rotateOwnKey',
    summary: "Rotate one of the caller's keys",
    description:
      'As the admin rotation, for the caller\'s own keys only (another account\'s key id answers 404). ' +
      `The key making the call may rotate itself. ${SHOWN_ONCE} ${FREE}`,
  })
  @ApiBody({ type: RotateApiKeyDto, required: false, description: 'Optional: an empty or absent body rotates with a 24 h overlap.' })
  @ApiEnvelopeResponse(RotatedApiKeyResponse, HttpStatus.CREATED)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY, ...BODY_ERRORS, ...COMMON_ERRORS)
  @ApiKeyConflictResponse()
  rotate(@Param() params: KeyIdParams, @NoQueryParameters() _query: Record<string, never>, @Body() body: RotateApiKeyDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): Promise<RotatedApiKeyResponse> {
    return this.management.rotate(params.id, body ?? {}, actorOf(principal, request), principal.accountId);
  }

  @Delete(':id')
  @ApiOperation({
    operationId: 'revokeOwnKey',
    summary: "Revoke one of the caller's keys now",
    description:
      "The caller's own keys only (another account's key id answers 404). A key may revoke itself: the next " +
      `request with it answers 401. ${FREE}`,
  })
  @ApiEnvelopeResponse(ApiKeyResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, ...COMMON_ERRORS)
  revoke(@Param() params: KeyIdParams, @NoQueryParameters() _query: Record<string, never>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): Promise<ApiKeyResponse> {
    return this.management.revoke(params.id, actorOf(principal, request), principal.accountId);
  }
}
