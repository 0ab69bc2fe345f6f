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
exports.KeyChangeEventPageDoc = exports.KeyChangeEventDoc = exports.KeyChangeActorDoc = exports.ApiKeyListDoc = exports.RotatedApiKeyDoc = exports.CreatedApiKeyDoc = exports.ApiKeyDoc = void 0;
const swagger_1 = require("@nestjs/swagger");
const api_key_view_1 = require("../api-key.view");
let ApiKeyDoc = class ApiKeyDoc {
};
exports.ApiKeyDoc = ApiKeyDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid' }),
    __metadata("design:type", String)
], ApiKeyDoc.prototype, "id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid' }),
    __metadata("design:type", String)
], ApiKeyDoc.prototype, "account_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'production crawler' }),
    __metadata("design:type", String)
], ApiKeyDoc.prototype, "name", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'crw_live_3fZq', description: 'The first 13 characters: enough to recognise a key, useless to call with.' }),
    __metadata("design:type", String)
], ApiKeyDoc.prototype, "display_prefix", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        enum: api_key_view_1.API_KEY_STATUSES,
        description: '`active`; `rotating`: replaced, still working until `rotation_ends_at`; `rotated`: the overlap is over; ' +
            '`expired`; `revoked`.',
    }),
    __metadata("design:type", String)
], ApiKeyDoc.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time' }),
    __metadata("design:type", String)
], ApiKeyDoc.prototype, "created_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'date-time', nullable: true, description: 'Recorded at most once a minute.' }),
    __metadata("design:type", Object)
], ApiKeyDoc.prototype, "last_used_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'date-time', nullable: true }),
    __metadata("design:type", Object)
], ApiKeyDoc.prototype, "expires_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'date-time', nullable: true }),
    __metadata("design:type", Object)
], ApiKeyDoc.prototype, "revoked_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'uuid', nullable: true, description: 'The key this one replaced.' }),
    __metadata("design:type", Object)
], ApiKeyDoc.prototype, "rotated_from_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'uuid', nullable: true, description: 'The key that replaced this one.' }),
    __metadata("design:type", Object)
], ApiKeyDoc.prototype, "rotated_to_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'date-time', nullable: true }),
    __metadata("design:type", Object)
], ApiKeyDoc.prototype, "rotated_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: String,
        format: 'date-time',
        nullable: true,
        description: 'A rotated key works until then, and answers 401 `rotated_api_key` after.',
    }),
    __metadata("design:type", Object)
], ApiKeyDoc.prototype, "rotation_ends_at", void 0);
exports.ApiKeyDoc = ApiKeyDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'apiKeys.ApiKey' })
], ApiKeyDoc);
const KEY_DESCRIPTION = 'The secret, shown in this response only: it is stored as its SHA-256 and cannot be shown again. ' +
    '`null` on an `Idempotent-Replayed` repeat (the secret is never stored, not even for replays): if the first ' +
    'response was lost, revoke this key id and create another.';
let CreatedApiKeyDoc = class CreatedApiKeyDoc extends ApiKeyDoc {
};
exports.CreatedApiKeyDoc = CreatedApiKeyDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true, example: 'crw_live_3fZq…', description: KEY_DESCRIPTION }),
    __metadata("design:type", Object)
], CreatedApiKeyDoc.prototype, "key", void 0);
exports.CreatedApiKeyDoc = CreatedApiKeyDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'apiKeys.CreatedApiKey' })
], CreatedApiKeyDoc);
let RotatedApiKeyDoc = class RotatedApiKeyDoc extends CreatedApiKeyDoc {
};
exports.RotatedApiKeyDoc = RotatedApiKeyDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ type: ApiKeyDoc, description: 'The key that was rotated, with its `rotation_ends_at`.' }),
    __metadata("design:type", ApiKeyDoc)
], RotatedApiKeyDoc.prototype, "previous", void 0);
exports.RotatedApiKeyDoc = RotatedApiKeyDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'apiKeys.RotatedApiKey' })
], RotatedApiKeyDoc);
let ApiKeyListDoc = class ApiKeyListDoc {
};
exports.ApiKeyListDoc = ApiKeyListDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ type: [ApiKeyDoc], description: 'Every key of the account, oldest first, whatever its status.' }),
    __metadata("design:type", Array)
], ApiKeyListDoc.prototype, "items", void 0);
exports.ApiKeyListDoc = ApiKeyListDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'apiKeys.ApiKeyList' })
], ApiKeyListDoc);
let KeyChangeActorDoc = class KeyChangeActorDoc {
};
exports.KeyChangeActorDoc = KeyChangeActorDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ enum: ['api_key', 'jwt', 'cli'] }),
    __metadata("design:type", String)
], KeyChangeActorDoc.prototype, "kind", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: String,
        nullable: true,
        description: 'The API key id or the JWT `jti` (else its account id) that made the change; for the CLI, the OS user.',
    }),
    __metadata("design:type", Object)
], KeyChangeActorDoc.prototype, "credential_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], KeyChangeActorDoc.prototype, "account_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true, example: '203.0.113.7', description: 'Client IP (see TRUST_PROXY).' }),
    __metadata("design:type", Object)
], KeyChangeActorDoc.prototype, "ip", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true }),
    __metadata("design:type", Object)
], KeyChangeActorDoc.prototype, "user_agent", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true }),
    __metadata("design:type", Object)
], KeyChangeActorDoc.prototype, "request_id", void 0);
exports.KeyChangeActorDoc = KeyChangeActorDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'apiKeys.KeyChangeActor' })
], KeyChangeActorDoc);
let KeyChangeEventDoc = class KeyChangeEventDoc {
};
exports.KeyChangeEventDoc = KeyChangeEventDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ example: '1042' }),
    __metadata("design:type", String)
], KeyChangeEventDoc.prototype, "id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time' }),
    __metadata("design:type", String)
], KeyChangeEventDoc.prototype, "occurred_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid', description: "The key's account." }),
    __metadata("design:type", String)
], KeyChangeEventDoc.prototype, "account_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid' }),
    __metadata("design:type", String)
], KeyChangeEventDoc.prototype, "key_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'crw_live_3fZq' }),
    __metadata("design:type", String)
], KeyChangeEventDoc.prototype, "key_display_prefix", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: ['created', 'rotated', 'revoked'] }),
    __metadata("design:type", String)
], KeyChangeEventDoc.prototype, "action", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: KeyChangeActorDoc }),
    __metadata("design:type", KeyChangeActorDoc)
], KeyChangeEventDoc.prototype, "actor", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: 'object',
        additionalProperties: true,
        example: { rotated_to_id: 'uuid', overlap_seconds: 86400, rotation_ends_at: '2026-12-02T08:00:00.000Z' },
        description: 'created: name, expires_at, rotated_from_id; rotated: rotated_to_id, overlap_seconds, rotation_ends_at.',
    }),
    __metadata("design:type", Object)
], KeyChangeEventDoc.prototype, "details", void 0);
exports.KeyChangeEventDoc = KeyChangeEventDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'apiKeys.KeyChangeEvent' })
], KeyChangeEventDoc);
let KeyChangeEventPageDoc = class KeyChangeEventPageDoc {
};
exports.KeyChangeEventPageDoc = KeyChangeEventPageDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ type: [KeyChangeEventDoc], description: 'Newest first.' }),
    __metadata("design:type", Array)
], KeyChangeEventPageDoc.prototype, "items", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' }),
    __metadata("design:type", Object)
], KeyChangeEventPageDoc.prototype, "next_cursor", void 0);
exports.KeyChangeEventPageDoc = KeyChangeEventPageDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'apiKeys.KeyChangeEventPage' })
], KeyChangeEventPageDoc);
//# sourceMappingURL=api-key.responses.js.map