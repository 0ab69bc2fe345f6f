/**
 * The `data.reason` codes of the API's 401, 403 and auth 429 answers: part of the HTTP contract (the OpenAPI
 * document lists them), raised by auth (auth.errors.ts holds their messages and statuses).
 */
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
