"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiException = void 0;
const common_1 = require("@nestjs/common");
/**
 * An error with a known HTTP status and a client-facing message. `details` are merged into the envelope's
 * `data` (beside `request_id`), `headers` are set on the response (for example Retry-After).
 * Anything thrown that is not an HttpException is treated as a bug: logged, and answered 500 without internals.
 */
class ApiException extends common_1.HttpException {
    constructor(status, message, details = {}, headers = {}) {
        super(message, status);
        this.details = details;
        this.headers = headers;
    }
    static validation(message, errors) {
        return new ApiException(common_1.HttpStatus.BAD_REQUEST, message, { errors });
    }
}
exports.ApiException = ApiException;
//# sourceMappingURL=api.exception.js.map