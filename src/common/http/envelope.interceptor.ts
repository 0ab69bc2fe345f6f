import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { Envelope, OK_MESSAGE } from './envelope';

/**
 * Wraps every handler's return value in the contract's `{code, msg, data}` envelope. A StreamableFile (a CSV
 * export) is a file, not JSON: it goes out as it is. Errors are enveloped by the exception filter either way.
 */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<Envelope | StreamableFile> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next
      .handle()
      .pipe(map((data: unknown) => (data instanceof StreamableFile ? data : { code: reply.statusCode, msg: OK_MESSAGE, data: data ?? null })));
  }
}
