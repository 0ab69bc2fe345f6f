import { applyDecorators, CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Observable, tap } from 'rxjs';
import { ReadScope, readScopes } from './read-source';

export const DATA_SOURCE_HEADER = 'X-Data-Source';
export const REPLICA_LAG_HEADER = 'X-Replica-Lag-Ms';

export const READ_SOURCE_HEADERS = {
  [DATA_SOURCE_HEADER]: {
    description:
      '`replica` when a hot standby answered, `primary` otherwise (no replica configured, or none current enough).',
    schema: { type: 'string', enum: ['primary', 'replica'], example: 'replica' },
  },
  [REPLICA_LAG_HEADER]: {
    description:
      'How far behind the primary the figures may be, in milliseconds: at most DB_REPLICA_MAX_LAG_MS from a ' +
      'replica, 0 from the primary.',
    schema: { type: 'integer', minimum: 0, example: 120 },
  },
};

/** Runs the handler in a ReadScope and reports the scope's source in the response headers. */
@Injectable()
export class ReadSourceInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const scope = new ReadScope();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return new Observable((subscriber) =>
      readScopes.run(scope, () =>
        next
          .handle()
          .pipe(
            tap(() => {
              const reported = scope.reported ?? { source: 'primary', lagMs: 0 };
              reply.header(DATA_SOURCE_HEADER, reported.source);
              reply.header(REPLICA_LAG_HEADER, String(reported.lagMs));
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}

/**
 * A report route whose reads may come from a hot standby (ReadReplicas.read): the response says which
 * server answered (X-Data-Source) and how stale the figures may be (X-Replica-Lag-Ms).
 */
export function ReadsFromReplica(status: number = HttpStatus.OK): MethodDecorator {
  return applyDecorators(UseInterceptors(ReadSourceInterceptor), ApiResponse({ status, headers: READ_SOURCE_HEADERS }));
}
