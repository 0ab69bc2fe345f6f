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
exports.ApiValidationPipe = void 0;
exports.toFieldErrors = toFieldErrors;
const common_1 = require("@nestjs/common");
const api_exception_1 = require("../http/api.exception");
const single_value_decorator_1 = require("./single-value.decorator");
const MESSAGES_BY_SOURCE = {
    query: 'Invalid query parameters',
    body: 'Invalid request body',
    param: 'Invalid path parameters',
};
/** Flattens class-validator's tree into one entry per field and problem, in a client's words. */
function toFieldErrors(errors, parentPath = '') {
    return errors.flatMap((error) => {
        const field = parentPath ? `${parentPath}.${error.property}` : error.property;
        const constraints = error.constraints ?? {};
        // A repeated parameter is reported as repeated, not also as malformed.
        const messages = single_value_decorator_1.SINGLE_VALUE in constraints
            ? [constraints[single_value_decorator_1.SINGLE_VALUE]]
            : Object.entries(constraints).map(([name, message]) => name === 'whitelistValidation' ? `${field} is not a recognised parameter` : message);
        return [
            ...messages.map((message) => ({ field, message })),
            ...toFieldErrors(error.children ?? [], field),
        ];
    });
}
/**
 * The global pipe: whitelist + forbid unknown fields + transform, and 400 envelopes that list every bad
 * field with its reason. The envelope's `msg` says which part of the request was wrong.
 */
let ApiValidationPipe = class ApiValidationPipe extends common_1.ValidationPipe {
    constructor() {
        super({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
            forbidUnknownValues: true,
            validationError: { target: false, value: false },
            exceptionFactory: (errors) => api_exception_1.ApiException.validation(MESSAGES_BY_SOURCE.query, toFieldErrors(errors)),
        });
    }
    async transform(value, metadata) {
        try {
            return await super.transform(value, metadata);
        }
        catch (error) {
            const message = MESSAGES_BY_SOURCE[metadata.type];
            if (error instanceof api_exception_1.ApiException && message && message !== error.message) {
                throw api_exception_1.ApiException.validation(message, error.details.errors);
            }
            throw error;
        }
    }
};
exports.ApiValidationPipe = ApiValidationPipe;
exports.ApiValidationPipe = ApiValidationPipe = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [])
], ApiValidationPipe);
//# sourceMappingURL=api-validation.pipe.js.map