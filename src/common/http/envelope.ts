import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** Every response body, success or error: the contract's `app.Response`. */
export interface Envelope<T = unknown> {
  /** The HTTP status code, repeated in the body for clients that only see the body. */
  code: number;
  /** "ok" on success; on an error, a short human-readable reason. */
  msg: string;
  data: T;
}

export const OK_MESSAGE = 'ok';

/** Swagger description of the envelope; success responses narrow `data` with allOf. */
@ApiSchema({ name: 'app.Response' })
export class EnvelopeResponse {
  @ApiProperty({ type: 'integer', example: 200, description: 'HTTP status code of the response.' })
  code: number;

  @ApiProperty({ example: 'ok', description: '"ok" on success, otherwise the reason for the failure.' })
  msg: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      'The payload on success. On errors: `request_id` always; `errors` (field and message per problem) on 400; ' +
      '`reason` and `retry_after_seconds` on 429.',
    example: { request_id: '5b0f6c1e-4a8e-4c55-9a5e-2f1d0f1f3c11' },
  })
  data: Record<string, unknown> | null;
}
