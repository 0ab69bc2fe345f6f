import type { HttpStatus } from '@nestjs/common';

/**
 * nginx's 499 "client closed request": the client left before its answer. Never sent (there is no one to send it
 * to); metering settles such a request as failed, and the request log records it with this status.
 */
export const CLIENT_CLOSED_REQUEST = 499 as HttpStatus;
