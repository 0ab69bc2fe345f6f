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
exports.AuthFailureLimiter = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const WINDOW_MS = 60_000;
const MAX_TRACKED_CLIENTS = 50_000;
/**
 * Counts failed authentications per client IP over a rolling minute, so keys and tokens cannot be guessed
 * at speed. Kept in process memory: failures cost no database write, and with N instances behind a load
 * balancer an attacker gets at most N times the limit. A blocked IP is refused before its credentials are
 * even checked, so the block cannot be used to test whether a key is valid.
 */
let AuthFailureLimiter = class AuthFailureLimiter {
    constructor(config) {
        this.config = config;
        /** Per IP, the times of its most recent failures (at most `limit` of them), oldest first. */
        this.failures = new Map();
    }
    get limit() {
        return this.config.auth.failuresPerMinute;
    }
    /** Seconds until `ip` may try again, or 0 when it is not blocked. */
    retryAfterSeconds(ip, now = Date.now()) {
        const times = this.failures.get(ip);
        if (!times || times.length < this.limit)
            return 0;
        const oldest = times[times.length - this.limit];
        return oldest + WINDOW_MS > now ? Math.ceil((oldest + WINDOW_MS - now) / 1000) : 0;
    }
    recordFailure(ip, now = Date.now()) {
        const times = (this.failures.get(ip) ?? []).filter((time) => time > now - WINDOW_MS);
        times.push(now);
        if (times.length > this.limit)
            times.splice(0, times.length - this.limit);
        this.failures.delete(ip); // re-inserted last, so the map's first entry is the least recently failing IP
        if (this.failures.size >= MAX_TRACKED_CLIENTS)
            this.failures.delete(this.failures.keys().next().value);
        this.failures.set(ip, times);
    }
};
exports.AuthFailureLimiter = AuthFailureLimiter;
exports.AuthFailureLimiter = AuthFailureLimiter = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig])
], AuthFailureLimiter);
//# sourceMappingURL=auth-failure-limiter.js.map