"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Idempotent = Idempotent;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const idempotency_interceptor_1 = require("./idempotency.interceptor");
/** Makes a POST route safe to retry with an `Idempotency-Key` header (see IdempotencyInterceptor). */
function Idempotent(options = {}) {
    return (0, common_1.applyDecorators)((0, common_1.SetMetadata)(idempotency_interceptor_1.IDEMPOTENT_SECRET_FIELDS, options.secretFields ?? []), (0, common_1.UseInterceptors)(idempotency_interceptor_1.IdempotencyInterceptor), (0, swagger_1.ApiHeader)({
        name: 'Idempotency-Key',
        required: false,
        description: 'Any unique string (a UUID is ideal), 1–255 visible ASCII characters. A repeat with the same key ' +
            'and request returns the first response (`Idempotent-Replayed: true`) and changes nothing, credits included.',
    }));
}
//# sourceMappingURL=idempotent.decorator.js.map