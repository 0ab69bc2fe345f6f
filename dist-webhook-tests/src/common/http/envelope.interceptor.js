"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.EnvelopeInterceptor = void 0;
const common_1 = require("@nestjs/common");
const rxjs_1 = require("rxjs");
const envelope_1 = require("./envelope");
/**
 * Wraps every handler's return value in the contract's `{code, msg, data}` envelope. A StreamableFile (a CSV
 * export) is a file, not JSON: it goes out as it is. Errors are enveloped by the exception filter either way.
 */
let EnvelopeInterceptor = class EnvelopeInterceptor {
    intercept(context, next) {
        const reply = context.switchToHttp().getResponse();
        return next
            .handle()
            .pipe((0, rxjs_1.map)((data) => (data instanceof common_1.StreamableFile ? data : { code: reply.statusCode, msg: envelope_1.OK_MESSAGE, data: data ?? null })));
    }
};
exports.EnvelopeInterceptor = EnvelopeInterceptor;
exports.EnvelopeInterceptor = EnvelopeInterceptor = __decorate([
    (0, common_1.Injectable)()
], EnvelopeInterceptor);
//# sourceMappingURL=envelope.interceptor.js.map