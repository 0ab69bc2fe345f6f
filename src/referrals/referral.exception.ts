import { domainExceptionWithKinds, ErrorKind, fieldErrors, FieldError } from '../common/errors/domain.exception';
import type { ReferralStatus } from './entities/referral.entity';

export enum ReferralExceptionCode {
  ReferralNotFound = 'referral_not_found',
  /** The state machine has no such transition from the referral's status (see referral-state-machine.ts). */
  IllegalTransition = 'illegal_transition',
  /** A query parameter the service checks beyond the DTO: a cursor, a window, a time zone, a redirect. */
  InvalidQuery = 'invalid_query',
}

const KINDS: Record<ReferralExceptionCode, ErrorKind> = {
  [ReferralExceptionCode.ReferralNotFound]: ErrorKind.NotFound,
  [ReferralExceptionCode.IllegalTransition]: ErrorKind.Conflict,
  [ReferralExceptionCode.InvalidQuery]: ErrorKind.InvalidInput,
};

export class ReferralException extends domainExceptionWithKinds(KINDS) {
  static notFound(id: string): ReferralException {
    return new ReferralException(ReferralExceptionCode.ReferralNotFound, `No referral with id ${id}`);
  }

  static illegalTransition(action: string, status: ReferralStatus): ReferralException {
    return new ReferralException(ReferralExceptionCode.IllegalTransition, `Cannot ${action} a referral that is ${status}`, {
      details: { status, action },
    });
  }

  /** 400 "Invalid query parameters", naming the field(s). */
  static invalidQuery(...errors: FieldError[]): ReferralException {
    return new ReferralException(ReferralExceptionCode.InvalidQuery, 'Invalid query parameters', fieldErrors(...errors));
  }
}
