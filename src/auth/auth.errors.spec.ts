import { ErrorKind } from '../common/errors/domain.exception';
import { AuthException, AuthFailure } from './auth.errors';

describe('AuthException.planRequired', () => {
  it.each([
    ['admin', 'Admin plan required'],
    ['pro', 'Pro plan required'],
  ] as const)('is a Forbidden "%s plan required" naming the plan the route needs', (plan, message) => {
    const exception = AuthException.planRequired(plan);

    expect(exception.kind).toBe(ErrorKind.Forbidden);
    expect(exception.message).toBe(message);
    expect(exception.details).toEqual({ reason: AuthFailure.PlanRequired });
    expect(exception.headers).toEqual({});
  });
});
