import { domainExceptionWithKinds, ErrorKind } from '../common/errors/domain.exception';

export enum AccountExceptionCode {
  AccountNotFound = 'account_not_found',
  EmailTaken = 'email_taken',
  InvalidEmail = 'invalid_email',
  UnknownPlan = 'unknown_plan',
}

const KINDS: Record<AccountExceptionCode, ErrorKind> = {
  [AccountExceptionCode.AccountNotFound]: ErrorKind.NotFound,
  [AccountExceptionCode.EmailTaken]: ErrorKind.Conflict,
  [AccountExceptionCode.InvalidEmail]: ErrorKind.InvalidInput,
  [AccountExceptionCode.UnknownPlan]: ErrorKind.InvalidInput,
};

export class AccountException extends domainExceptionWithKinds(KINDS) {
  static notFound(id: string): AccountException {
    return new AccountException(AccountExceptionCode.AccountNotFound, `No account with id ${id}`);
  }

  static emailTaken(email: string): AccountException {
    return new AccountException(AccountExceptionCode.EmailTaken, `An account with email ${email} already exists`);
  }
}
