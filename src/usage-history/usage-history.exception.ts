import { DomainException, DomainExceptionOptions, ErrorKind, fieldErrors, FieldError } from '../common/errors/domain.exception';

export enum UsageHistoryExceptionCode {
  /** A window that ends before it starts, or is longer than the history serves. */
  InvalidWindow = 'invalid_window',
}

const KINDS: Record<UsageHistoryExceptionCode, ErrorKind> = {
  [UsageHistoryExceptionCode.InvalidWindow]: ErrorKind.InvalidInput,
};

export class UsageHistoryException extends DomainException<UsageHistoryExceptionCode> {
  constructor(code: UsageHistoryExceptionCode, message: string, options?: DomainExceptionOptions) {
    super(code, KINDS[code], message, options);
  }

  /** 400 "Invalid query parameters", naming the field. */
  static invalidWindow(error: FieldError): UsageHistoryException {
    return new UsageHistoryException(UsageHistoryExceptionCode.InvalidWindow, 'Invalid query parameters', fieldErrors(error));
  }
}
