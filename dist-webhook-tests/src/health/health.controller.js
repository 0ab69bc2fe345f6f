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
exports.HealthController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const api_exception_1 = require("../common/http/api.exception");
const database_errors_1 = require("../database/database-errors");
const read_replicas_service_1 = require("../database/replicas/read-replicas.service");
const readiness_repository_1 = require("./readiness.repository");
/** Probes for load balancers and orchestrators; public, unmetered. */
let HealthController = class HealthController {
    constructor(readiness, replicas) {
        this.readiness = readiness;
        this.replicas = replicas;
        this.logger = new common_1.Logger('Readiness');
    }
    live() {
        return { status: 'ok' };
    }
    async ready() {
        try {
            await this.readiness.probeMetering();
            const outdated = await this.readiness.findOutdatedRoutines();
            if (outdated.length > 0) {
                throw new api_exception_1.ApiException(common_1.HttpStatus.SERVICE_UNAVAILABLE, 'Database schema is behind this version: run the migrations', {
                    reason: 'schema_outdated',
                    routines: outdated,
                });
            }
        }
        catch (error) {
            if (error instanceof api_exception_1.ApiException)
                throw error;
            this.logger.warn(`not ready: ${error instanceof Error ? error.message : String(error)}`);
            throw new api_exception_1.ApiException(common_1.HttpStatus.SERVICE_UNAVAILABLE, 'Database unavailable', {
                reason: (0, database_errors_1.isDatabaseUnavailable)(error) ? 'database_unavailable' : 'database_path_broken',
            });
        }
        const replicas = this.replicas.status().map(({ name, lagMs, usable }) => ({ name, lag_ms: lagMs === null ? null : Math.ceil(lagMs), usable }));
        return { status: 'ok', database: 'ok', replicas };
    }
};
exports.HealthController = HealthController;
__decorate([
    (0, common_1.Get)(),
    (0, swagger_1.ApiOperation)({ summary: 'Liveness: the process is up and serving HTTP.' }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Object)
], HealthController.prototype, "live", null);
__decorate([
    (0, common_1.Get)('ready'),
    (0, swagger_1.ApiOperation)({
        summary: 'Readiness: the metering statement runs on the primary and the schema matches this code. 503 while not. ' +
            'Replicas are listed but never fail it (the primary serves their reads).',
    }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], HealthController.prototype, "ready", null);
exports.HealthController = HealthController = __decorate([
    (0, swagger_1.ApiTags)('Health'),
    (0, common_1.Controller)('health'),
    __metadata("design:paramtypes", [readiness_repository_1.ReadinessRepository,
        read_replicas_service_1.ReadReplicas])
], HealthController);
//# sourceMappingURL=health.controller.js.map