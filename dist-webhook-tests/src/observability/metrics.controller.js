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
exports.MetricsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const node_crypto_1 = require("node:crypto");
const app_config_1 = require("../config/app-config");
const auth_errors_1 = require("../auth/auth.errors");
const metrics_service_1 = require("./metrics.service");
/**
 * Prometheus scrape endpoint, outside the API: enabled only when METRICS_TOKEN is set, and then only for
 * `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time). Without a token it does not exist (404).
 */
let MetricsController = class MetricsController {
    constructor(metrics, config) {
        this.metrics = metrics;
        this.config = config;
    }
    async scrape(authorization, reply) {
        const token = this.config.metricsToken;
        if (!token)
            throw new common_1.NotFoundException('Cannot GET /metrics');
        const presented = Buffer.from(authorization?.replace(/^Bearer\s+/i, '') ?? '');
        const expected = Buffer.from(token);
        if (presented.length !== expected.length || !(0, node_crypto_1.timingSafeEqual)(presented, expected)) {
            throw new auth_errors_1.AuthException(auth_errors_1.AuthFailure.InvalidToken);
        }
        void reply.header('content-type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
    }
};
exports.MetricsController = MetricsController;
__decorate([
    (0, common_1.Get)(),
    __param(0, (0, common_1.Headers)('authorization')),
    __param(1, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], MetricsController.prototype, "scrape", null);
exports.MetricsController = MetricsController = __decorate([
    (0, swagger_1.ApiExcludeController)(),
    (0, common_1.Controller)('metrics'),
    __metadata("design:paramtypes", [metrics_service_1.MetricsService,
        app_config_1.AppConfig])
], MetricsController);
//# sourceMappingURL=metrics.controller.js.map