import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { catchError, defer, from, mergeMap, Observable, of } from 'rxjs';
import { Reflector } from '@nestjs/core';
import { ApiException } from '../common/http/api.exception';
import { IdempotencyRepository } from './idempotency.repository';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAY_HEADER = 'idempotent-replayed';
/** Metadata of @Idempotent({ secretFields }): response fields never stored for replays. */
export const IDEMPOTENT_SECRET_FIELDS = 'idempotency:secret-fields';
const WELL_FORMED_KEY = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the response is a stored one being replayed: billing charges nothing for it. */
    idempotentReplay?: boolean;
  }
}

/**
 * `Idempotency-Key` on POST routes: the first request with a key runs and its 2xx response is stored; a
 * repeat with the same key and the same request gets that response again (header `Idempotent-Replayed:
 * true`) and changes nothing, credits included. The same key on a different request is refused (422); a
 * repeat while the first is still running gets 409. Failed requests are not stored, so they can be retried.
 * Keys are per account and remembered for 24 hours.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly repository: IdempotencyRepository,
    private readonly reflector: Reflector,
  ) {}

  /** The response as stored for replays: without the route's secret fields (see IdempotentOptions). */
  private storable(context: ExecutionContext, data: unknown): unknown {
    const secretFields = this.reflector.get<string[] | undefined>(IDEMPOTENT_SECRET_FIELDS, context.getHandler()) ?? [];
    if (secretFields.length === 0 || typeof data !== 'object' || data === null) return data;
    return { ...data, ...Object.fromEntries(secretFields.map((field) => [field, null])) };
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || !WELL_FORMED_KEY.test(key)) {
      throw ApiException.validation('Invalid request headers', [
        { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters, sent once' },
      ]);
    }
    const accountId = request.principal?.accountId;
    if (!accountId) throw new Error('@Idempotent() needs an authenticated route (@Auth())');

    const route = `${request.method} ${request.routeOptions?.url ?? ''}`;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest();

    return defer(() => this.repository.claim(accountId, key, route, fingerprint)).pipe(
      mergeMap((claim) => {
        switch (claim.kind) {
          case 'new':
            return next.handle().pipe(
              mergeMap(async (data: unknown) => {
                await this.repository.complete(accountId, key, reply.statusCode, this.storable(context, data));
                return data;
              }),
              catchError((error: unknown) =>
                from(this.repository.release(accountId, key)).pipe(
                  mergeMap(() => {
                    throw error;
                  }),
                ),
              ),
            );
          case 'replay':
            request.idempotentReplay = true;
            void reply.status(claim.status).header(IDEMPOTENT_REPLAY_HEADER, 'true');
            return of(claim.body);
          case 'in_progress':
            throw new ApiException(HttpStatus.CONFLICT, 'A request with this Idempotency-Key is still in progress');
          case 'mismatch':
            throw new ApiException(
              HttpStatus.UNPROCESSABLE_ENTITY,
              'This Idempotency-Key was already used for a different request',
            );
        }
      }),
    );
  }
}
