"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createLogger = createLogger;
const json_logger_1 = require("./json-logger");
const redacting_console_logger_1 = require("./redacting-console-logger");
/** The process's logger: JSON lines for machines, readable text for a terminal; both redact credentials. */
function createLogger(format, levels) {
    if (format === 'json')
        return new json_logger_1.JsonLogger(levels);
    const logger = new redacting_console_logger_1.RedactingConsoleLogger();
    logger.setLogLevels(levels);
    return logger;
}
//# sourceMappingURL=loggers.js.map