import type { Plan } from '../plans/plan-registry';

/** Where `@Auth()` keeps a route's options for CredentialsGuard (and the boot-time wiring check) to read. */
export const AUTH_OPTIONS = 'auth:options';

export interface AuthOptions {
  /** The lowest plan allowed; 'admin' admits admin accounts only. Omit to admit every plan. */
  plan?: Plan;
}
