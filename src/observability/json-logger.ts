import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import { redactSecrets } from './redact';

const PINO_LEVELS: Record<LogLevel, pino.Level> = {
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
export class JsonLogger implements LoggerService {
  readonly pino: Pino;

  constructor(levels: LogLevel[], destination: pino.DestinationStream = process.stdout) {
    const lowest = (['verbose', 'debug', 'log', 'warn', 'error', 'fatal'] as LogLevel[]).find((level) => levels.includes(level));
    this.pino = pino(
      {
        level: PINO_LEVELS[lowest ?? 'log'],
        base: { service: 'crawlora-api' },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
      },
      destination,
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes the context (the class name) last; a stack trace, when there is one, before it. */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const text = message instanceof Error ? (message.stack ?? message.message) : typeof message === 'string' ? message : JSON.stringify(message);
    this.pino[level]({ context }, redactSecrets(text));
  }
}
