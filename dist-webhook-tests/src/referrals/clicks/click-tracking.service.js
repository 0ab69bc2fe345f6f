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
exports.ClickTrackingService = void 0;
const common_1 = require("@nestjs/common");
const api_exception_1 = require("../../common/http/api.exception");
const app_config_1 = require("../../config/app-config");
const referral_hashing_1 = require("../referral-hashing");
const attribution_cookie_1 = require("./attribution-cookie");
const bot_detection_1 = require("./bot-detection");
const clicks_repository_1 = require("./clicks.repository");
const UTM_PARAMETERS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];
const UTM_MAX_LENGTH = 200;
/** A visitor clicking the same link again within this many minutes is counted once. */
const DEDUPE_WINDOW_MINUTES = 30;
/** Query parameters naming a redirect target; honoured only when they stay on the landing page's origin. */
const REDIRECT_PARAMETERS = ['to', 'redirect', 'redirect_uri', 'redirect_url', 'return_to', 'next', 'url'];
const REFERRAL_CODE = /^[A-Za-z0-9_-]{4,32}$/;
/** Turns a visit of a referral link into a counted click (or not) and the redirect that answers it. */
let ClickTrackingService = class ClickTrackingService {
    constructor(clicks, hashing, config) {
        this.clicks = clicks;
        this.hashing = hashing;
        this.config = config;
    }
    async visit(visit) {
        const location = this.redirectTarget(visit.query);
        const uncounted = { location, attributionToken: null, counted: false };
        if (!REFERRAL_CODE.test(visit.code) || (0, bot_detection_1.isAutomatedAgent)(visit.userAgent))
            return uncounted;
        const referrer = await this.clicks.findReferrerByCode(visit.code);
        if (!referrer)
            return uncounted;
        const click = await this.clicks.record({
            referralCode: visit.code,
            referrerAccountId: referrer.accountId,
            utm: utmParameters(visit.query),
            visitorHash: this.hashing.visitor(visit.ip, visit.userAgent ?? ''),
            ipHash: this.hashing.ip(visit.ip),
            dedupeWindowMinutes: DEDUPE_WINDOW_MINUTES,
            clicksPerIpPerMinute: this.config.referrals.clicksPerIpPerMinute,
        });
        if (!click)
            return uncounted;
        return {
            location,
            attributionToken: (0, attribution_cookie_1.signAttribution)(click.clickId, new Date(), this.config.referrals.secret),
            counted: click.counted,
        };
    }
    /** The landing page, or a page on the landing page's origin; any other target is an open redirect: 400. */
    redirectTarget(query) {
        const landing = new URL(this.config.referrals.landingUrl);
        for (const name of REDIRECT_PARAMETERS) {
            const value = query[name];
            if (value === undefined)
                continue;
            let target = null;
            try {
                target = typeof value === 'string' ? new URL(value, landing) : null;
            }
            catch {
                target = null;
            }
            if (!target || target.origin !== landing.origin) {
                throw api_exception_1.ApiException.validation('Invalid query parameters', [
                    { field: name, message: `${name} must stay on ${landing.origin}` },
                ]);
            }
            return target.toString();
        }
        return landing.toString();
    }
};
exports.ClickTrackingService = ClickTrackingService;
exports.ClickTrackingService = ClickTrackingService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [clicks_repository_1.ClicksRepository,
        referral_hashing_1.ReferralHashing,
        app_config_1.AppConfig])
], ClickTrackingService);
/** First value of each utm_* parameter, trimmed and cut to 200 characters: a long tag never breaks a link. */
function utmParameters(query) {
    const utm = {};
    for (const name of UTM_PARAMETERS) {
        const raw = Array.isArray(query[name]) ? query[name][0] : query[name];
        if (typeof raw !== 'string')
            continue;
        const value = raw.replaceAll('\u0000', '').trim().slice(0, UTM_MAX_LENGTH);
        if (value)
            utm[name] = value;
    }
    return utm;
}
//# sourceMappingURL=click-tracking.service.js.map