import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { Envelope, OK_MESSAGE } from './envelope';

/** Wraps every handler's return value in the contract's `{code, msg, data}` envelope. */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<Envelope> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(map((data: unknown) => ({ code: reply.statusCode, msg: OK_MESSAGE, data: data ?? null })));
  }
}
