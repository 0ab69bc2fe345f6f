"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.IsRfc3339DateTime = IsRfc3339DateTime;
exports.IsLaterThan = IsLaterThan;
const class_validator_1 = require("class-validator");
const rfc3339_1 = require("../time/rfc3339");
/** An RFC 3339 date-time with an explicit offset (Z or ±hh:mm); fractional seconds allowed. */
function IsRfc3339DateTime(options) {
    return (0, class_validator_1.ValidateBy)({
        name: 'isRfc3339DateTime',
        validator: {
            validate: (value) => typeof value === 'string' && (0, rfc3339_1.parseRfc3339)(value) !== null,
            defaultMessage: (args) => `${args?.property} must be an RFC 3339 date-time with an offset, such as 2026-01-01T00:00:00Z`,
        },
    }, options);
}
/** Holds when this date-time is strictly later than the sibling `property` (or either is absent/invalid). */
function IsLaterThan(property, options) {
    return (0, class_validator_1.ValidateBy)({
        name: 'isLaterThan',
        constraints: [property],
        validator: {
            validate: (value, args) => {
                const other = args?.object?.[property];
                if (typeof value !== 'string' || typeof other !== 'string')
                    return true;
                const [end, start] = [(0, rfc3339_1.parseRfc3339)(value), (0, rfc3339_1.parseRfc3339)(other)];
                return end === null || start === null || end > start;
            },
            defaultMessage: (args) => `${args?.property} must be later than ${property}`,
        },
    }, options);
}
//# sourceMappingURL=rfc3339.decorators.js.map