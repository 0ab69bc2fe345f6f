import { AuthFailure } from '../common/http/auth-failure';
import { DomainException, ErrorKind } from '../common/errors/domain.exception';
import { type Plan, planRequiredMessage } from '../plans/plan-registry';

export { AuthFailure };

const MESSAGES: Record<AuthFailure, string> = {
  [AuthFailure.MissingCredentials]: 'Missing credentials: send an x-api-key header or an Authorization: Bearer token',
  [AuthFailure.InvalidApiKey]: 'Invalid API key',
  [AuthFailure.RevokedApiKey]: 'API key revoked',
  [AuthFailure.ExpiredApiKey]: 'API key expired',
  [AuthFailure.RotatedApiKey]: 'API key rotated: its overlap has ended, use the key that replaced it',
  [AuthFailure.InvalidToken]: 'Invalid token',
  [AuthFailure.ExpiredToken]: 'Token expired',
  // Replaced by "<plan> plan required" for the plan the route needs (AuthException.planRequired).
  [AuthFailure.PlanRequired]: 'Plan required',
  [AuthFailure.TooManyFailures]: 'Too many failed authentication attempts',
};

function kindOf(failure: AuthFailure): ErrorKind {
  switch (failure) {
    case AuthFailure.PlanRequired:
      return ErrorKind.Forbidden;
    case AuthFailure.TooManyFailures:
      return ErrorKind.RateLimited;
    case AuthFailure.MissingCredentials:
    case AuthFailure.InvalidApiKey:
    case AuthFailure.RevokedApiKey:
    case AuthFailure.ExpiredApiKey:
    case AuthFailure.RotatedApiKey:
    case AuthFailure.InvalidToken:
    case AuthFailure.ExpiredToken:
      return ErrorKind.Unauthenticated;
  }
}

const REALM = 'crawlora';

/**
 * The challenge of a 401 (RFC 9110 §11.6.1): both schemes the API accepts; a rejected token also says why,
 * as RFC 6750 §3 describes for Bearer.
 */
export function wwwAuthenticate(failure: AuthFailure): string {
  const apiKey = `ApiKey realm="${REALM}", header="x-api-key"`;
  if (failure === AuthFailure.InvalidToken || failure === AuthFailure.ExpiredToken) {
    return `${apiKey}, Bearer realm="${REALM}", error="invalid_token", error_description="${MESSAGES[failure]}"`;
  }
  return `${apiKey}, Bearer realm="${REALM}"`;
}

/**
 * An auth failure, the code being the AuthFailure; the envelope's `data.reason` carries it too. A 401 carries
 * its challenge.
 */
export class AuthException extends DomainException<AuthFailure> {
  constructor(
    failure: AuthFailure,
    headers: Record<string, string> = {},
    details: Record<string, unknown> = {},
    message = MESSAGES[failure],
  ) {
    const kind = kindOf(failure);
    const challenge: Record<string, string> =
      kind === ErrorKind.Unauthenticated ? { 'WWW-Authenticate': wwwAuthenticate(failure) } : {};
    super(failure, kind, message, { details: { reason: failure, ...details }, headers: { ...challenge, ...headers } });
  }

  /** The 403 of a valid credential whose plan ranks below the route's: "Admin plan required". */
  static planRequired(plan: Plan): AuthException {
    return new AuthException(AuthFailure.PlanRequired, {}, {}, planRequiredMessage(plan));
  }

  get failure(): AuthFailure {
    return this.code;
  }
}
