import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { redactSecrets } from './redact';

/** Nest's human-readable logger, with the same redaction as the JSON one. */
export class RedactingConsoleLogger extends ConsoleLogger {
  protected override stringifyMessage(message: unknown, logLevel: LogLevel): string {
    return redactSecrets(super.stringifyMessage(message, logLevel));
  }
}
