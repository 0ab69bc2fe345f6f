import { HttpException, HttpStatus } from '@nestjs/common';

/** One problem with one input field, as listed in a 400 envelope's `data.errors`. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error with a known HTTP status and a client-facing message. `details` are merged into the envelope's
 * `data` (beside `request_id`), `headers` are set on the response (for example Retry-After).
 * Anything thrown that is not an HttpException is treated as a bug: logged, and answered 500 without internals.
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
