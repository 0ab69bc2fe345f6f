"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isIanaTimeZone = isIanaTimeZone;
exports.IsIanaTimeZone = IsIanaTimeZone;
const class_validator_1 = require("class-validator");
/** Area/Location names (Europe/Berlin, America/Argentina/Buenos_Aires) and UTC; never offsets like +05:30. */
const IANA_NAME = /^(?:UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){1,2})$/;
const known = new Map();
/** A name the runtime's time zone database knows, aliases included (Asia/Kolkata as well as Asia/Calcutta). */
function isIanaTimeZone(value) {
    if (typeof value !== 'string' || value.length > 64 || !IANA_NAME.test(value))
        return false;
    let valid = known.get(value);
    if (valid === undefined) {
        try {
            new Intl.DateTimeFormat('en-US', { timeZone: value });
            valid = true;
        }
        catch {
            valid = false;
        }
        if (known.size < 1000)
            known.set(value, valid);
    }
    return valid;
}
function IsIanaTimeZone(options) {
    return (0, class_validator_1.ValidateBy)({
        name: 'isIanaTimeZone',
        validator: {
            validate: isIanaTimeZone,
            defaultMessage: (args) => `${args?.property} must be an IANA time zone name such as Europe/Berlin or UTC`,
        },
    }, options);
}
//# sourceMappingURL=time-zone.decorator.js.map