"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isUuid = isUuid;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Checked before a uuid column is queried, so a malformed id is "not found" rather than a database error. */
function isUuid(value) {
    return UUID.test(value);
}
//# sourceMappingURL=uuid.js.map