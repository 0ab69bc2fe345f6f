"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OptionalDateTime = OptionalDateTime;
exports.OptionalCampaign = OptionalCampaign;
exports.OptionalLimit = OptionalLimit;
const common_1 = require("@nestjs/common");
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const rfc3339_decorators_1 = require("./rfc3339.decorators");
const single_value_decorator_1 = require("./single-value.decorator");
/** An optional, single RFC 3339 date-time query parameter. */
function OptionalDateTime() {
    return (0, common_1.applyDecorators)((0, class_validator_1.IsOptional)(), (0, single_value_decorator_1.SingleValue)(), (0, rfc3339_decorators_1.IsRfc3339DateTime)());
}
/** An optional UTM campaign: 1–200 characters, matched literally, no NUL (PostgreSQL text cannot hold it). */
function OptionalCampaign() {
    return (0, common_1.applyDecorators)((0, class_validator_1.IsOptional)(), (0, single_value_decorator_1.SingleValue)(), (0, class_validator_1.IsString)(), (0, class_validator_1.Length)(1, 200, { message: 'campaign must be 1 to 200 characters long' }), (0, class_validator_1.Matches)(/^[^\u0000]*$/, { message: 'campaign must not contain NUL characters' }));
}
/** An optional page size from 1 to `max`. */
function OptionalLimit(max) {
    const message = `limit must be an integer from 1 to ${max}`;
    return (0, common_1.applyDecorators)((0, class_validator_1.IsOptional)(), (0, single_value_decorator_1.SingleValue)(), (0, class_transformer_1.Type)(() => Number), (0, class_validator_1.IsInt)({ message }), (0, class_validator_1.Min)(1, { message }), (0, class_validator_1.Max)(max, { message }));
}
//# sourceMappingURL=query-parameter.decorators.js.map