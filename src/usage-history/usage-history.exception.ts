import { domainExceptionWithKinds, ErrorKind, fieldErrors, FieldError } from '../common/errors/domain.exception';

export enum UsageHistoryExceptionCode {
  /** A window that ends before it starts, or is longer than the history serves. */
  InvalidWindow = 'invalid_window',
}

const KINDS: Record<UsageHistoryExceptionCode, ErrorKind> = {
  [UsageHistoryExceptionCode.InvalidWindow]: ErrorKind.InvalidInput,
};

export class UsageHistoryException extends domainExceptionWithKinds(KINDS) {
  /** 400 "Invalid query parameters", naming the field. */
  static invalidWindow(error: FieldError): UsageHistoryException {
    return new UsageHistoryException(UsageHistoryExceptionCode.InvalidWindow, 'Invalid query parameters', fieldErrors(error));
  }
}
