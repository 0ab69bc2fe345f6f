import { DomainException, DomainExceptionOptions, ErrorKind } from '../errors/domain.exception';
import { toErrorResponse } from './error-response';
import { httpStatusOf } from './error-kind-status';

/** A feature's exception as any feature declares one; common/ knows no feature, only kinds. */
class ExampleException extends DomainException<'example'> {
  constructor(kind: ErrorKind, options?: DomainExceptionOptions) {
    super('example', kind, 'Example refused', options);
  }
}

describe('domain errors at the HTTP edge', () => {
  it.each([
    [ErrorKind.InvalidInput, 400],
    [ErrorKind.Unauthenticated, 401],
    [ErrorKind.Forbidden, 403],
    [ErrorKind.NotFound, 404],
    [ErrorKind.Conflict, 409],
    [ErrorKind.RateLimited, 429],
    [ErrorKind.Unavailable, 503],
  ])('answers a %s error with %i', (kind, status) => {
    expect(httpStatusOf(kind)).toBe(status);
  });

  it('maps every kind', () => {
    for (const kind of Object.values(ErrorKind)) expect(httpStatusOf(kind)).toEqual(expect.any(Number));
  });

  it('renders the envelope with the message, the details beside request_id, and the headers', () => {
    const error = new ExampleException(ErrorKind.RateLimited, { details: { reason: 'slow_down' }, headers: { 'Retry-After': '3' } });

    expect(toErrorResponse(error, 'req-1')).toEqual({
      status: 429,
      body: { code: 429, msg: 'Example refused', data: { request_id: 'req-1', reason: 'slow_down' } },
      headers: { 'Retry-After': '3' },
      unexpected: false,
    });
  });
});
