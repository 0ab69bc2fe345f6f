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
exports.AccountsRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const account_entity_1 = require("./entities/account.entity");
let AccountsRepository = class AccountsRepository {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    get accounts() {
        return this.dataSource.getRepository(account_entity_1.Account);
    }
    findById(id) {
        return this.accounts.findOneBy({ id });
    }
    list() {
        return this.accounts.find({ order: { createdAt: 'ASC' } });
    }
    /** Read back after the insert: the database fills in the id, referral code and timestamps. */
    async insert(values) {
        const { id } = await this.accounts.save(this.accounts.create(values));
        return this.accounts.findOneByOrFail({ id });
    }
    /** Returns the updated account, or null when there is none with this id. */
    async update(id, changes) {
        const result = await this.accounts.update({ id }, changes);
        return result.affected ? this.findById(id) : null;
    }
};
exports.AccountsRepository = AccountsRepository;
exports.AccountsRepository = AccountsRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], AccountsRepository);
//# sourceMappingURL=accounts.repository.js.map