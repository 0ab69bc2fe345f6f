"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AllExceptionsFilter_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AllExceptionsFilter = void 0;
const common_1 = require("@nestjs/common");
const error_response_1 = require("./error-response");
/**
 * The one place where every error becomes the contract's envelope, including Fastify's own errors
 * (Nest maps those to HttpExceptions before they get here). Unexpected errors are logged with the request id.
 */
let AllExceptionsFilter = AllExceptionsFilter_1 = class AllExceptionsFilter {
    constructor() {
        this.logger = new common_1.Logger(AllExceptionsFilter_1.name);
    }
    catch(exception, host) {
        const http = host.switchToHttp();
        const request = http.getRequest();
        const reply = http.getResponse();
        const response = (0, error_response_1.toErrorResponse)(exception, request.id);
        const reason = response.body.data.reason;
        if (typeof reason === 'string')
            request.errorReason = reason;
        if (response.unexpected) {
            const detail = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
            this.logger.error(`request ${request.id} ${request.method} ${request.routeOptions?.url ?? '(no route)'} failed: ${detail}`);
        }
        if (reply.sent)
            return;
        void reply.status(response.status).headers(response.headers).send(response.body);
    }
};
exports.AllExceptionsFilter = AllExceptionsFilter;
exports.AllExceptionsFilter = AllExceptionsFilter = AllExceptionsFilter_1 = __decorate([
    (0, common_1.Catch)()
], AllExceptionsFilter);
//# sourceMappingURL=all-exceptions.filter.js.map