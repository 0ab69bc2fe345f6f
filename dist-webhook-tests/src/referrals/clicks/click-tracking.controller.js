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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ClickTrackingController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const app_config_1 = require("../../config/app-config");
const attribution_cookie_1 = require("./attribution-cookie");
const click_tracking_service_1 = require("./click-tracking.service");
/** The public referral link. Outside /api/v1: it is shared with people, not called by integrations. */
let ClickTrackingController = class ClickTrackingController {
    constructor(clicks, config) {
        this.clicks = clicks;
        this.config = config;
    }
    async follow(code, request, reply) {
        const outcome = await this.clicks.visit({
            code,
            query: (request.query ?? {}),
            ip: request.ip,
            userAgent: request.headers['user-agent'],
        });
        if (outcome.attributionToken) {
            void reply.header('set-cookie', this.cookie(outcome.attributionToken));
        }
        void reply.header('cache-control', 'no-store').redirect(outcome.location, common_1.HttpStatus.FOUND);
    }
    cookie(token) {
        const { attributionWindowMs, cookieDomain, cookieSecure } = this.config.referrals;
        return [
            `${attribution_cookie_1.ATTRIBUTION_COOKIE}=${token}`,
            `Max-Age=${Math.floor(attributionWindowMs / 1000)}`,
            'Path=/',
            'HttpOnly',
            'SameSite=Lax',
            ...(cookieSecure ? ['Secure'] : []),
            ...(cookieDomain ? [`Domain=${cookieDomain}`] : []),
        ].join('; ');
    }
};
exports.ClickTrackingController = ClickTrackingController;
__decorate([
    (0, common_1.Get)(':code'),
    (0, swagger_1.ApiOperation)({
        summary: 'Follow a referral link',
        description: 'Records a click (unless it is a bot, a repeat by the same visitor within 30 minutes, or over the ' +
            'per-IP limit) and redirects to the landing page with a signed, HttpOnly attribution cookie ' +
            `(\`${attribution_cookie_1.ATTRIBUTION_COOKIE}\`). Unknown codes redirect without recording. Public, unmetered.`,
    }),
    (0, swagger_1.ApiParam)({ name: 'code', example: 'ADA2026' }),
    (0, swagger_1.ApiQuery)({ name: 'utm_campaign', required: false, example: 'spring_launch' }),
    (0, swagger_1.ApiQuery)({ name: 'utm_source', required: false, example: 'newsletter' }),
    (0, swagger_1.ApiQuery)({ name: 'utm_medium', required: false, example: 'email' }),
    (0, swagger_1.ApiQuery)({ name: 'utm_term', required: false }),
    (0, swagger_1.ApiQuery)({ name: 'utm_content', required: false }),
    (0, swagger_1.ApiResponse)({ status: common_1.HttpStatus.FOUND, description: 'Redirect to the landing page.' }),
    (0, swagger_1.ApiResponse)({ status: common_1.HttpStatus.BAD_REQUEST, description: 'A redirect target outside the landing origin.' }),
    __param(0, (0, common_1.Param)('code')),
    __param(1, (0, common_1.Req)()),
    __param(2, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", Promise)
], ClickTrackingController.prototype, "follow", null);
exports.ClickTrackingController = ClickTrackingController = __decorate([
    (0, swagger_1.ApiTags)('Referrals'),
    (0, common_1.Controller)('r'),
    __metadata("design:paramtypes", [click_tracking_service_1.ClickTrackingService,
        app_config_1.AppConfig])
], ClickTrackingController);
//# sourceMappingURL=click-tracking.controller.js.map