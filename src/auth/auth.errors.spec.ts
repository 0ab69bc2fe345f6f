import { HttpStatus } from '@nestjs/common';
import { AuthException, AuthFailure } from './auth.errors';

describe('AuthException.planRequired', () => {
  it.each([
    ['admin', 'Admin plan required'],
    ['pro', 'Pro plan required'],
  ] as const)('answers 403 "%s plan required" naming the plan the route needs', (plan, message) => {
    const exception = AuthException.planRequired(plan);

    expect(exception.getStatus()).toBe(HttpStatus.FORBIDDEN);
    expect(exception.message).toBe(message);
    expect(exception.details).toEqual({ reason: AuthFailure.PlanRequired });
    expect(exception.headers).toEqual({});
  });
});
