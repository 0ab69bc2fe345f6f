"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RedactingConsoleLogger = void 0;
const common_1 = require("@nestjs/common");
const redact_1 = require("./redact");
/** Nest's human-readable logger, with the same redaction as the JSON one. */
class RedactingConsoleLogger extends common_1.ConsoleLogger {
    stringifyMessage(message, logLevel) {
        return (0, redact_1.redactSecrets)(super.stringifyMessage(message, logLevel));
    }
}
exports.RedactingConsoleLogger = RedactingConsoleLogger;
//# sourceMappingURL=redacting-console-logger.js.map