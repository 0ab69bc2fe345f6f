import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IDEMPOTENT_SECRET_FIELDS, IdempotencyInterceptor } from './idempotency.interceptor';

export interface IdempotentOptions {
  /**
   * Top-level response fields that hold a secret shown once (an API key): stored as null, so a replay answers
   * them as null and the secret never reaches the database.
   */
  secretFields?: string[];
}

/** Makes a POST route safe to retry with an `Idempotency-Key` header (see IdempotencyInterceptor). */
export function Idempotent(options: IdempotentOptions = {}): MethodDecorator {
  return applyDecorators(
    SetMetadata(IDEMPOTENT_SECRET_FIELDS, options.secretFields ?? []),
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
