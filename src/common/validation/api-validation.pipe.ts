import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiException, FieldError } from '../http/api.exception';
import { SINGLE_VALUE } from './single-value.decorator';

const MESSAGES_BY_SOURCE: Partial<Record<ArgumentMetadata['type'], string>> = {
  query: 'Invalid query parameters',
  body: 'Invalid request body',
  param: 'Invalid path parameters',
};

/** Flattens class-validator's tree into one entry per field and problem, in a client's words. */
export function toFieldErrors(errors: ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    // A repeated parameter is reported as repeated, not also as malformed.
    const messages =
      SINGLE_VALUE in constraints
        ? [constraints[SINGLE_VALUE]]
        : Object.entries(constraints).map(([name, message]) =>
            name === 'whitelistValidation' ? `${field} is not a recognised parameter` : message,
          );
    return [
      ...messages.map((message) => ({ field, message })),
      ...toFieldErrors(error.children ?? [], field),
    ];
  });
}

/**
 * The global pipe: whitelist + forbid unknown fields + transform, and 400 envelopes that list every bad
 * field with its reason. The envelope's `msg` says which part of the request was wrong.
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => ApiException.validation(MESSAGES_BY_SOURCE.query!, toFieldErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      const message = MESSAGES_BY_SOURCE[metadata.type];
      if (error instanceof ApiException && message && message !== error.message) {
        throw ApiException.validation(message, error.details.errors as FieldError[]);
      }
      throw error;
    }
  }
}
