"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.JsonLogger = void 0;
const pino_1 = __importDefault(require("pino"));
const redact_1 = require("./redact");
const PINO_LEVELS = {
    fatal: 'fatal',
    error: 'error',
    warn: 'warn',
    log: 'info',
    debug: 'debug',
    verbose: 'trace',
};
/**
 * Nest's logger as one JSON object per line (pino), for log shippers. Every message goes through
 * redactSecrets, so an API key or a token inside an error message never reaches the logs.
 */
class JsonLogger {
    constructor(levels, destination = process.stdout) {
        const lowest = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'].find((level) => levels.includes(level));
        this.pino = (0, pino_1.default)({
            level: PINO_LEVELS[lowest ?? 'log'],
            base: { service: 'crawlora-api' },
            timestamp: pino_1.default.stdTimeFunctions.isoTime,
            formatters: { level: (label) => ({ level: label }) },
        }, destination);
    }
    log(message, ...rest) {
        this.write('info', message, rest);
    }
    error(message, ...rest) {
        this.write('error', message, rest);
    }
    warn(message, ...rest) {
        this.write('warn', message, rest);
    }
    debug(message, ...rest) {
        this.write('debug', message, rest);
    }
    verbose(message, ...rest) {
        this.write('trace', message, rest);
    }
    fatal(message, ...rest) {
        this.write('fatal', message, rest);
    }
    /** Nest passes the context (the class name) last; a stack trace, when there is one, before it. */
    write(level, message, rest) {
        const context = typeof rest[rest.length - 1] === 'string' ? rest[rest.length - 1] : undefined;
        const text = message instanceof Error ? (message.stack ?? message.message) : typeof message === 'string' ? message : JSON.stringify(message);
        this.pino[level]({ context }, (0, redact_1.redactSecrets)(text));
    }
}
exports.JsonLogger = JsonLogger;
//# sourceMappingURL=json-logger.js.map