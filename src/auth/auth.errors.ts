import { HttpStatus } from '@nestjs/common';
import { ApiException } from '../common/http/api.exception';

/** Every way authentication or authorization can fail, each with the one message a client sees. */
export enum AuthFailure {
  MissingCredentials = 'missing_credentials',
  InvalidApiKey = 'invalid_api_key',
  RevokedApiKey = 'revoked_api_key',
  ExpiredApiKey = 'expired_api_key',
  RotatedApiKey = 'rotated_api_key',
  InvalidToken = 'invalid_token',
  ExpiredToken = 'expired_token',
  PlanRequired = 'plan_required',
  TooManyFailures = 'too_many_failures',
}

const MESSAGES: Record<AuthFailure, string> = {
  [AuthFailure.MissingCredentials]: 'Missing credentials: send an x-api-key header or an Authorization: Bearer token',
  [AuthFailure.InvalidApiKey]: 'Invalid API key',
  [AuthFailure.RevokedApiKey]: 'API key revoked',
  [AuthFailure.ExpiredApiKey]: 'API key expired',
  [AuthFailure.RotatedApiKey]: 'API key rotated: its overlap has ended, use the key that replaced it',
  [AuthFailure.InvalidToken]: 'Invalid token',
  [AuthFailure.ExpiredToken]: 'Token expired',
  [AuthFailure.PlanRequired]: 'Admin plan required',
  [AuthFailure.TooManyFailures]: 'Too many failed authentication attempts',
};

function statusOf(failure: AuthFailure): HttpStatus {
  switch (failure) {
    case AuthFailure.PlanRequired:
      return HttpStatus.FORBIDDEN;
    case AuthFailure.TooManyFailures:
      return HttpStatus.TOO_MANY_REQUESTS;
    case AuthFailure.MissingCredentials:
    case AuthFailure.InvalidApiKey:
    case AuthFailure.RevokedApiKey:
    case AuthFailure.ExpiredApiKey:
    case AuthFailure.RotatedApiKey:
    case AuthFailure.InvalidToken:
    case AuthFailure.ExpiredToken:
      return HttpStatus.UNAUTHORIZED;
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

/** An auth failure as the envelope answers it; `data.reason` carries the machine-readable code. */
export class AuthException extends ApiException {
  constructor(
    readonly failure: AuthFailure,
    headers: Record<string, string> = {},
    details: Record<string, unknown> = {},
  ) {
    const status = statusOf(failure);
    const challenge: Record<string, string> = status === HttpStatus.UNAUTHORIZED ? { 'WWW-Authenticate': wwwAuthenticate(failure) } : {};
    super(status, MESSAGES[failure], { reason: failure, ...details }, { ...challenge, ...headers });
  }
}
