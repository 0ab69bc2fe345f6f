import { HttpStatus } from '@nestjs/common';
import { ErrorKind } from '../errors/domain.exception';

/** The one place a domain error's kind becomes an HTTP status. Exhaustive: a new kind does not compile until it is mapped. */
export function httpStatusOf(kind: ErrorKind): HttpStatus {
  switch (kind) {
    case ErrorKind.InvalidInput:
      return HttpStatus.BAD_REQUEST;
    case ErrorKind.Unauthenticated:
      return HttpStatus.UNAUTHORIZED;
    case ErrorKind.Forbidden:
      return HttpStatus.FORBIDDEN;
    case ErrorKind.NotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorKind.Conflict:
      return HttpStatus.CONFLICT;
    case ErrorKind.RateLimited:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorKind.Unavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}
