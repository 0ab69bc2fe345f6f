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
exports.ReferralHashing = void 0;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const app_config_1 = require("../config/app-config");
/**
 * Keyed hashes of client IPs and visitors (IP + user agent). Only these are stored: without REFERRAL_SECRET
 * they cannot be reversed by trying the 2^32 IPv4 addresses, and they still let equal IPs be compared.
 */
let ReferralHashing = class ReferralHashing {
    constructor(config) {
        this.config = config;
    }
    ip(ip) {
        return this.hash(`ip:${ip}`);
    }
    visitor(ip, userAgent) {
        return this.hash(`visitor:${ip}\n${userAgent}`);
    }
    hash(value) {
        return (0, node_crypto_1.createHmac)('sha256', this.config.referrals.secret).update(value).digest();
    }
};
exports.ReferralHashing = ReferralHashing;
exports.ReferralHashing = ReferralHashing = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig])
], ReferralHashing);
//# sourceMappingURL=referral-hashing.js.map