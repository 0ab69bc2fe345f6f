import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Plan } from '../plans/plan-registry';

export type CredentialKind = 'api_key' | 'jwt';

/**
 * Who is calling, as established by the auth guard: the account (with its plan as stored now, never as a
 * token claims it) and the credential used. Handlers and billing read it; nothing else identifies a caller.
 */
export interface Principal {
  readonly accountId: string;
  readonly plan: Plan;
  /** Starter and Growth may exceed their included credits only when this is on. */
  readonly overageEnabled: boolean;
  readonly credential: { readonly kind: CredentialKind; readonly id: string };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth guard on authenticated routes; undefined elsewhere. */
    principal?: Principal;
  }
}

/** `@CurrentPrincipal() principal: Principal` in a handler of an authenticated route. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without @Auth()');
  return principal;
});
