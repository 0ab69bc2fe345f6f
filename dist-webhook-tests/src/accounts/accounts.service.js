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
var AccountsService_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AccountsService = exports.PAYING_PLANS = void 0;
const common_1 = require("@nestjs/common");
const api_exception_1 = require("../common/http/api.exception");
const uuid_1 = require("../common/validation/uuid");
const accounts_repository_1 = require("./accounts.repository");
const plan_1 = require("./plan");
const UNIQUE_VIOLATION = '23505';
/** Plans a customer pays for; a move onto one of them is what "became a paying customer" means. */
exports.PAYING_PLANS = ['starter', 'growth', 'pro', 'business', 'enterprise'];
let AccountsService = AccountsService_1 = class AccountsService {
    constructor(repository) {
        this.repository = repository;
        this.logger = new common_1.Logger(AccountsService_1.name);
        /** Told after a plan change is stored (referrals qualify a referee that starts paying). */
        this.planChangeListeners = [];
    }
    onPlanChanged(listener) {
        this.planChangeListeners.push(listener);
    }
    /** The account, or null for an unknown or malformed id (never a database error for a bad uuid). */
    findById(id) {
        return (0, uuid_1.isUuid)(id) ? this.repository.findById(id) : Promise.resolve(null);
    }
    async getById(id) {
        const account = await this.findById(id);
        if (!account)
            throw new api_exception_1.ApiException(common_1.HttpStatus.NOT_FOUND, `No account with id ${id}`);
        return account;
    }
    list() {
        return this.repository.list();
    }
    async create(email, plan, overageEnabled = false) {
        const checkedPlan = this.checkPlan(plan);
        try {
            return await this.repository.insert({ email: email.trim(), plan: checkedPlan, overageEnabled });
        }
        catch (error) {
            if (error.driverError?.code === UNIQUE_VIOLATION) {
                throw new api_exception_1.ApiException(common_1.HttpStatus.CONFLICT, `An account with email ${email.trim()} already exists`);
            }
            throw error;
        }
    }
    async setPlan(id, plan, overageEnabled) {
        const before = await this.getById(id);
        const updated = await this.repository.update(id, { plan: this.checkPlan(plan), overageEnabled });
        if (!updated)
            throw new api_exception_1.ApiException(common_1.HttpStatus.NOT_FOUND, `No account with id ${id}`);
        if (updated.plan !== before.plan)
            await this.notifyPlanChange({ accountId: id, from: before.plan, to: updated.plan });
        return updated;
    }
    /** The plan change stands whatever a listener does; a listener's failure is logged, not returned. */
    async notifyPlanChange(change) {
        for (const listener of this.planChangeListeners) {
            await listener(change).catch((error) => this.logger.error(`after the plan change of account ${change.accountId}: ${String(error)}`));
        }
    }
    checkPlan(plan) {
        if (!(0, plan_1.isPlan)(plan)) {
            throw new api_exception_1.ApiException(common_1.HttpStatus.BAD_REQUEST, `Unknown plan "${plan}": use one of ${plan_1.PLANS.join(', ')}`);
        }
        return plan;
    }
};
exports.AccountsService = AccountsService;
exports.AccountsService = AccountsService = AccountsService_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [accounts_repository_1.AccountsRepository])
], AccountsService);
//# sourceMappingURL=accounts.service.js.map