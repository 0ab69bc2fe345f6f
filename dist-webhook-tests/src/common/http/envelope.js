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
exports.EnvelopeDoc = exports.OK_MESSAGE = void 0;
const swagger_1 = require("@nestjs/swagger");
exports.OK_MESSAGE = 'ok';
/** Swagger description of the envelope; success responses narrow `data` with allOf. */
let EnvelopeDoc = class EnvelopeDoc {
};
exports.EnvelopeDoc = EnvelopeDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 200, description: 'HTTP status code of the response.' }),
    __metadata("design:type", Number)
], EnvelopeDoc.prototype, "code", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'ok', description: '"ok" on success, otherwise the reason for the failure.' }),
    __metadata("design:type", String)
], EnvelopeDoc.prototype, "msg", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: 'object',
        additionalProperties: true,
        nullable: true,
        description: 'The payload on success. On errors: `request_id` always; `errors` (field and message per problem) on 400; ' +
            '`reason` and `retry_after_seconds` on 429.',
        example: { request_id: '5b0f6c1e-4a8e-4c55-9a5e-2f1d0f1f3c11' },
    }),
    __metadata("design:type", Object)
], EnvelopeDoc.prototype, "data", void 0);
exports.EnvelopeDoc = EnvelopeDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'app.Response' })
], EnvelopeDoc);
//# sourceMappingURL=envelope.js.map