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
var ReservationSweeper_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReservationSweeper = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const metering_repository_1 = require("./metering.repository");
const BATCH_SIZE = 500;
/**
 * Returns the credits of reservations whose process died before settling them (crash, kill -9, lost
 * connection). Every instance runs it; the statement lets one sweep at a time.
 */
let ReservationSweeper = ReservationSweeper_1 = class ReservationSweeper {
    constructor(repository, config) {
        this.repository = repository;
        this.config = config;
        this.logger = new common_1.Logger(ReservationSweeper_1.name);
    }
    onApplicationBootstrap() {
        this.timer = setInterval(() => void this.sweepNow(), this.config.billing.sweepIntervalMs);
        this.timer.unref();
    }
    async onApplicationShutdown() {
        clearInterval(this.timer);
        await this.running;
    }
    /** One pass; returns the number of accounts whose credits came back. Never throws (logged instead). */
    async sweepNow() {
        if (this.running)
            return 0;
        let accounts = 0;
        this.running = (async () => {
            try {
                accounts = await this.repository.sweepExpired(BATCH_SIZE);
                if (accounts > 0)
                    this.logger.warn(`returned expired reservations of ${accounts} account(s)`);
            }
            catch (error) {
                this.logger.error(`sweeping expired reservations failed: ${error instanceof Error ? error.message : String(error)}`);
            }
        })();
        await this.running;
        this.running = undefined;
        return accounts;
    }
};
exports.ReservationSweeper = ReservationSweeper;
exports.ReservationSweeper = ReservationSweeper = ReservationSweeper_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [metering_repository_1.MeteringRepository,
        app_config_1.AppConfig])
], ReservationSweeper);
//# sourceMappingURL=reservation-sweeper.service.js.map