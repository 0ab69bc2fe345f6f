import type { LoggerService, LogLevel } from '@nestjs/common';
import { JsonLogger } from './json-logger';
import { RedactingConsoleLogger } from './redacting-console-logger';

export type LogFormat = 'json' | 'text';

/** The process's logger: JSON lines for machines, readable text for a terminal; both redact credentials. */
export function createLogger(format: LogFormat, levels: LogLevel[]): LoggerService {
  if (format === 'json') return new JsonLogger(levels);
  const logger = new RedactingConsoleLogger();
  logger.setLogLevels(levels);
  return logger;
}
