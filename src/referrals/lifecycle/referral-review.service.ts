import { Injectable } from '@nestjs/common';
import { formatEpochMicros, parseRfc3339 } from '../../common/time/rfc3339';
import { isUuid } from '../../common/validation/uuid';
import { ReferralListQueryDto } from '../dto/referral-list-query.dto';
import {
  ReferralPageResponse,
  ReferralWithHistoryResponse,
  toReferralResponse,
  toReferralWithHistoryResponse,
} from '../dto/referral.response';
import { ReferralException } from '../referral.exception';
import { ReferralRecord, ReferralsRepository } from './referrals.repository';

const DEFAULT_PAGE_SIZE = 50;


/** Reading referrals for review: filtered, keyset-paginated lists and single referrals with their history. */
@Injectable()
export class ReferralReviewService {
  constructor(private readonly referrals: ReferralsRepository) {}

  async list(query: ReferralListQueryDto): Promise<ReferralPageResponse> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const exact = (bound: string | undefined) => (bound === undefined ? undefined : formatEpochMicros(parseRfc3339(bound)!));
    // One extra row says whether there is a next page without a count query.
    const rows = await this.referrals.list({
      status: query.status,
      campaign: query.campaign,
      from: exact(query.from),
      to: exact(query.to),
      referrerAccountId: query.referrer,
      after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(toReferralResponse), next_cursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  async get(id: string): Promise<ReferralWithHistoryResponse> {
    const referral = isUuid(id) ? await this.referrals.findById(id) : null;
    if (!referral) throw ReferralException.notFound(id);
    return toReferralWithHistoryResponse(referral, await this.referrals.transitionsOf(id));
  }
}

/** Opaque to clients: the (signed_up_at, id) of the last row served. */
function encodeCursor(referral: ReferralRecord): string {
  return Buffer.from(`${referral.signed_up_at}|${referral.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { signedUpAt: string; id: string } {
  const [signedUpAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!signedUpAt || !id || parseRfc3339(signedUpAt) === null || !isUuid(id)) {
    throw ReferralException.invalidQuery({ field: 'cursor', message: 'cursor is not one this API returned' });
  }
  return { signedUpAt, id };
}
