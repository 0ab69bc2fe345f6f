"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReferralReviewService = void 0;
const common_1 = require("@nestjs/common");
const api_exception_1 = require("../../common/http/api.exception");
const rfc3339_1 = require("../../common/time/rfc3339");
const uuid_1 = require("../../common/validation/uuid");
const referrals_repository_1 = require("./referrals.repository");
const DEFAULT_PAGE_SIZE = 50;
/** Reading referrals for review: filtered, keyset-paginated lists and single referrals with their history. */
let ReferralReviewService = class ReferralReviewService {
    constructor(referrals) {
        this.referrals = referrals;
    }
    async list(query) {
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        const exact = (bound) => (bound === undefined ? undefined : (0, rfc3339_1.formatEpochMicros)((0, rfc3339_1.parseRfc3339)(bound)));
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
        return { items, next_cursor: rows.length > limit && last ? encodeCursor(last) : null };
    }
    async get(id) {
        const referral = (0, uuid_1.isUuid)(id) ? await this.referrals.findById(id) : null;
        if (!referral)
            throw new api_exception_1.ApiException(common_1.HttpStatus.NOT_FOUND, `No referral with id ${id}`);
        return { ...referral, transitions: await this.referrals.transitionsOf(id) };
    }
};
exports.ReferralReviewService = ReferralReviewService;
exports.ReferralReviewService = ReferralReviewService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [referrals_repository_1.ReferralsRepository])
], ReferralReviewService);
/** Opaque to clients: the (signed_up_at, id) of the last row served. */
function encodeCursor(referral) {
    return Buffer.from(`${referral.signed_up_at}|${referral.id}`).toString('base64url');
}
function decodeCursor(cursor) {
    const [signedUpAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
    if (!signedUpAt || !id || (0, rfc3339_1.parseRfc3339)(signedUpAt) === null || !(0, uuid_1.isUuid)(id)) {
        throw api_exception_1.ApiException.validation('Invalid query parameters', [
            { field: 'cursor', message: 'cursor is not one this API returned' },
        ]);
    }
    return { signedUpAt, id };
}
//# sourceMappingURL=referral-review.service.js.map