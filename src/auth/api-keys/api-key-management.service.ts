import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AccountsService } from '../../accounts/accounts.service';
import { parseRfc3339 } from '../../common/time/rfc3339';
import type { Principal } from '../principal';
import { apiKeyView, keyChangeEventView } from './api-key.view';
import type { KeyChangeActor } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import type {
  ApiKeyListResponse,
  ApiKeyResponse,
  CreatedApiKeyResponse,
  KeyChangeEventPageResponse,
  RotatedApiKeyResponse,
} from './dto/api-key.response';

const MAX_USER_AGENT_LENGTH = 512;
const DEFAULT_AUDIT_PAGE = 50;

/** RFC 3339 (already validated by the DTO) to a Date; null stays null ("never"), absent stays absent. */
function toDate(value: string | null | undefined): Date | null | undefined {
  if (value === undefined || value === null) return value;
  return new Date(Number(parseRfc3339(value)! / 1000n));
}

/** Who is changing a key and from where, as the audit trail records it. */
export function actorOf(principal: Principal, request: FastifyRequest): KeyChangeActor {
  const userAgent = request.headers['user-agent'];
  return {
    kind: principal.credential.kind,
    credentialId: principal.credential.id,
    accountId: principal.accountId,
    ip: request.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, MAX_USER_AGENT_LENGTH) : null,
    requestId: typeof request.id === 'string' ? request.id : null,
  };
}

/**
 * Key management as the HTTP routes offer it (admin for any account, self-service for one's own), on the same
 * ApiKeysService the CLI uses. `owner` scopes a change to one account's keys: another account's key is a 404.
 */
@Injectable()
export class ApiKeyManagementService {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly accounts: AccountsService,
  ) {}

  async create(accountId: string, body: { name?: string; expires_at?: string | null }, actor: KeyChangeActor): Promise<CreatedApiKeyResponse> {
    const { key, record } = await this.apiKeys.create(accountId, { name: body.name, expiresAt: toDate(body.expires_at) }, actor);
    return { key, ...apiKeyView(record) };
  }

  async list(accountId: string): Promise<ApiKeyListResponse> {
    await this.accounts.getById(accountId); // 404 for an unknown account, rather than an empty list
    return { items: (await this.apiKeys.list(accountId)).map(apiKeyView) };
  }

  async rotate(
    keyId: string,
    body: { overlap_seconds?: number; expires_at?: string | null },
    actor: KeyChangeActor,
    owner?: string,
  ): Promise<RotatedApiKeyResponse> {
    const { key, record, previous } = await this.apiKeys.rotate(
      keyId,
      { overlapSeconds: body.overlap_seconds, expiresAt: toDate(body.expires_at) },
      actor,
      owner,
    );
    return { key, ...apiKeyView(record), previous: apiKeyView(previous) };
  }

  async revoke(keyId: string, actor: KeyChangeActor, owner?: string): Promise<ApiKeyResponse> {
    return apiKeyView(await this.apiKeys.revoke(keyId, actor, owner));
  }

  async auditTrail(query: { account_id?: string; key_id?: string; limit?: number; cursor?: string }): Promise<KeyChangeEventPageResponse> {
    const limit = query.limit ?? DEFAULT_AUDIT_PAGE;
    const events = await this.apiKeys.auditTrail({
      accountId: query.account_id,
      keyId: query.key_id,
      beforeId: query.cursor,
      limit: limit + 1,
    });
    const page = events.slice(0, limit);
    return {
      items: page.map(keyChangeEventView),
      next_cursor: events.length > limit ? page[page.length - 1].id : null,
    };
  }
}
