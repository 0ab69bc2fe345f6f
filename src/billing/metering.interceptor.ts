import { CallHandler, ExecutionContext, HttpStatus, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  catchError,
  defer,
  filter,
  finalize,
  from,
  fromEvent,
  mergeMap,
  Observable,
  of,
  take,
  takeUntil,
  throwError,
  throwIfEmpty,
} from 'rxjs';
import { ApiException } from '../common/http/api.exception';
import { CREDITS_METADATA } from './credits.decorator';
import { Admission, MeteringService } from './metering.service';

/** nginx's "client closed request": the client left before the response; never sent, only logged. */
const CLIENT_CLOSED_REQUEST = 499 as HttpStatus;

/** Emits once if the client disconnects before the response has been written. */
function clientGone(reply: FastifyReply): Observable<unknown> {
  const response = reply.raw;
  return defer(() =>
    response.destroyed && !response.writableEnded
      ? of(true)
      : fromEvent(response, 'close').pipe(filter(() => !response.writableEnded)),
  ).pipe(take(1));
}

/**
 * Meters routes that declare a cost with `@Credits(n)`; leaves every other route untouched.
 *
 * Guards have run (the principal is known; a 401/403 from a guard never gets here, so costs nothing).
 * Before the handler: one atomic admission (rate limit, daily cap, credits) or a 429. After it, decided
 * from the observable's paths and never from `res.statusCode` (not yet set when a handler throws):
 * success -> settled as succeeded (the charge confirmed, or the reservation charged); error (400 from pipes,
 * 4xx/5xx from the handler) or client gone before the response -> settled as failed (the charge refunded, or
 * the reservation returned). Each settlement happens at most once in the database, so a late second attempt
 * is harmless.
 */
@Injectable()
export class MeteringInterceptor implements NestInterceptor {
  private readonly logger = new Logger(MeteringInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly metering: MeteringService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const credits = this.reflector.getAllAndOverride<number | undefined>(CREDITS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (credits === undefined || context.getType() !== 'http') return next.handle();

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const route = `${request.method} ${request.routeOptions?.url ?? request.url}`;
    const principal = request.principal;
    if (!principal) {
      // MeteredRoutesCheck refuses to start with a @Credits route lacking @Auth(), so this cannot happen through
      // the decorators; a guard written some other way that forgets the principal still fails closed, never free.
      return throwError(() => new Error(`metered route ${route} has no authenticated principal: add @Auth()`));
    }

    return defer(() => this.metering.admit({ principal, credits, requestId: request.id, route })).pipe(
      mergeMap((admission) => {
        let settled = false;
        // The metering headers are set once, by the settle step (from what it stored), or from the admission
        // when that step fails.
        const settle = (outcome: 'succeeded' | 'failed'): Promise<void> => {
          settled = true;
          const step = outcome === 'succeeded' ? this.metering.settleSucceeded(admission) : this.metering.settleFailed(admission);
          return step.then(
            (headers) => void reply.headers(headers),
            (error: unknown) => {
              reply.headers(admission.headers);
              throw error;
            },
          );
        };
        return next.handle().pipe(
          takeUntil(clientGone(reply)),
          throwIfEmpty(() => new ApiException(CLIENT_CLOSED_REQUEST, 'Client closed request')),
          mergeMap(async (data: unknown) => {
            // A replayed idempotent response repeats a result already paid for: it is admitted, never charged.
            await settle(request.idempotentReplay ? 'failed' : 'succeeded');
            return data;
          }),
          catchError((error: unknown) => this.settleFailedThenRethrow(admission, error, settle)),
          // Unsubscribed without success or error (should not happen in Nest; belt and braces).
          finalize(() => {
            if (!settled) void this.settleFailedQuietly(admission, settle);
          }),
        );
      }),
    );
  }

  private settleFailedThenRethrow(
    admission: Admission,
    error: unknown,
    settle: (outcome: 'failed') => Promise<void>,
  ): Observable<never> {
    return from(this.settleFailedQuietly(admission, settle)).pipe(mergeMap(() => throwError(() => error)));
  }

  /** A failed refund or return must not replace the request's own error; the sweeper settles it later. */
  private async settleFailedQuietly(admission: Admission, settle: (outcome: 'failed') => Promise<void>): Promise<void> {
    try {
      await settle('failed');
    } catch (settleError) {
      this.logger.error(
        `settling failed request's ${admission.result.chargeId ? `charge ${admission.result.chargeId}` : `reservation ${admission.result.reservationId}`} failed (the sweeper will reclaim it): ` +
          (settleError instanceof Error ? settleError.message : String(settleError)),
      );
    }
  }
}
