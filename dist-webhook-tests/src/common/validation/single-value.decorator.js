"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SINGLE_VALUE = void 0;
exports.SingleValue = SingleValue;
const class_validator_1 = require("class-validator");
exports.SINGLE_VALUE = 'singleValue';
/** A query parameter given twice (`?from=a&from=b`) arrives as an array: refuse it rather than pick one. */
function SingleValue(options) {
    return (0, class_validator_1.ValidateBy)({
        name: exports.SINGLE_VALUE,
        validator: {
            validate: (value) => !Array.isArray(value),
            defaultMessage: (args) => `${args?.property} must be given once, not repeated`,
        },
    }, options);
}
//# sourceMappingURL=single-value.decorator.js.map