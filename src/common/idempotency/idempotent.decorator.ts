import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** Makes a POST route safe to retry with an `Idempotency-Key` header (see IdempotencyInterceptor). */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Any unique string (a UUID is ideal), 1–255 visible ASCII characters. A repeat with the same key ' +
        'and request returns the first response (`Idempotent-Replayed: true`) and changes nothing, credits included.',
    }),
  );
}
