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
exports.CreateWebhookDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
const webhook_event_types_1 = require("../webhook-event-types");
class CreateWebhookDto {
}
exports.CreateWebhookDto = CreateWebhookDto;
__decorate([
    (0, swagger_1.ApiProperty)({
        example: 'https://hooks.example.com/crawlora',
        maxLength: 2048,
        description: 'https URL (plain http only for hosts in WEBHOOK_ALLOWED_HOSTS). Refused when its host resolves to a private, ' +
            'loopback, link-local or other special-purpose address.',
    }),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(2048, { message: 'url must be at most 2048 characters long' }),
    (0, class_validator_1.IsUrl)({ protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true }, { message: 'url must be an absolute http(s) URL' }),
    __metadata("design:type", String)
], CreateWebhookDto.prototype, "url", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: webhook_event_types_1.SUBSCRIBABLE_EVENT_TYPES, isArray: true, example: ['referral.rewarded', 'billing.daily_cap_reached'] }),
    (0, class_validator_1.IsArray)({ message: 'events must be an array of event types' }),
    (0, class_validator_1.ArrayMinSize)(1, { message: 'events must name at least one event type' }),
    (0, class_validator_1.ArrayMaxSize)(webhook_event_types_1.SUBSCRIBABLE_EVENT_TYPES.length * 2),
    (0, class_validator_1.IsIn)(webhook_event_types_1.SUBSCRIBABLE_EVENT_TYPES, { each: true, message: `each event must be one of ${webhook_event_types_1.SUBSCRIBABLE_EVENT_TYPES.join(', ')}` }),
    __metadata("design:type", Array)
], CreateWebhookDto.prototype, "events", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ example: 'CRM sync', maxLength: 500 }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 500, { message: 'description must be 1 to 500 characters long' }),
    __metadata("design:type", String)
], CreateWebhookDto.prototype, "description", void 0);
//# sourceMappingURL=create-webhook.dto.js.map