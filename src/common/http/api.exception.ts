import { HttpException, HttpStatus } from '@nestjs/common';
import type { FieldError } from '../errors/domain.exception';

export type { FieldError };

/**
 * An error with a known HTTP status and a client-facing message, raised at the edge only (pipes, interceptors,
 * controllers, the body parser), where the status is the point; services and repositories raise their feature's
 * DomainException instead. `details` are merged into the envelope's `data` (beside `request_id`), `headers` are
 * set on the response (for example Retry-After). Anything thrown that is neither this, a DomainException nor an
 * HttpException is treated as a bug: logged, and answered 500 without internals.
 */
export class ApiException extends HttpException {
  constructor(
    status: HttpStatus,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message, status);
  }

  static validation(message: string, errors: FieldError[]): ApiException {
    return new ApiException(HttpStatus.BAD_REQUEST, message, { errors });
  }
}
