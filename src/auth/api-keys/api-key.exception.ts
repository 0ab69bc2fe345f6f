import { domainExceptionWithKinds, ErrorKind, fieldErrors, FieldError } from '../../common/errors/domain.exception';

export enum ApiKeyExceptionCode {
  /** The account a key is to be created for does not exist. */
  AccountNotFound = 'account_not_found',
  /** No such key, or another account's (the same answer, so key ids leak nothing). */
  KeyNotFound = 'api_key_not_found',
  LimitReached = 'api_key_limit_reached',
  KeyRevoked = 'api_key_revoked',
  KeyRotated = 'api_key_rotated',
  KeyExpired = 'api_key_expired',
  /** A request field the service checks (an expiry in the past, an overlap out of range). */
  InvalidRequest = 'invalid_request',
}

const KINDS: Record<ApiKeyExceptionCode, ErrorKind> = {
  [ApiKeyExceptionCode.AccountNotFound]: ErrorKind.NotFound,
  [ApiKeyExceptionCode.KeyNotFound]: ErrorKind.NotFound,
  [ApiKeyExceptionCode.LimitReached]: ErrorKind.Conflict,
  [ApiKeyExceptionCode.KeyRevoked]: ErrorKind.Conflict,
  [ApiKeyExceptionCode.KeyRotated]: ErrorKind.Conflict,
  [ApiKeyExceptionCode.KeyExpired]: ErrorKind.Conflict,
  [ApiKeyExceptionCode.InvalidRequest]: ErrorKind.InvalidInput,
};

/** A refused key change. (A refused credential is an AuthException: auth.errors.ts.) */
export class ApiKeyException extends domainExceptionWithKinds(KINDS) {
  static keyNotFound(keyId: string): ApiKeyException {
    return new ApiKeyException(ApiKeyExceptionCode.KeyNotFound, `No API key with id ${keyId}`);
  }

  /** 400 "Invalid request body", naming the field. */
  static invalidRequest(error: FieldError): ApiKeyException {
    return new ApiKeyException(ApiKeyExceptionCode.InvalidRequest, 'Invalid request body', fieldErrors(error));
  }
}
