import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import type { DiscoveryService } from '@nestjs/core';
import { AUTH_OPTIONS } from '../auth/auth-options';
import { CREDITS_METADATA } from './credits.decorator';

/** One `@Credits(n)` handler, as the app's controllers declare it. */
export interface MeteredRoute {
  readonly prototype: object;
  readonly name: string;
  readonly descriptor: PropertyDescriptor;
  readonly handler: object;
  readonly cost: number;
  /** Whether `@Auth()` protects it (on the handler or its controller). */
  readonly authenticated: boolean;
  /** `ReferralStatsController.getStats (GET admin/referrals/stats)`, for messages. */
  readonly label: string;
}

const joinPath = (...parts: unknown[]) =>
  parts
    .flatMap((part) => (Array.isArray(part) ? part.slice(0, 1) : [part]))
    .filter((part): part is string => typeof part === 'string' && part !== '' && part !== '/')
    .map((part) => part.replace(/^\/|\/$/g, ''))
    .join('/');

/** Every metered handler of every controller the app has discovered. */
export function meteredRoutes(discovery: DiscoveryService): MeteredRoute[] {
  return discovery.getControllers().flatMap((controller) => {
    const metatype = controller.metatype as (new (...args: never[]) => unknown) | undefined;
    const prototype = metatype?.prototype as Record<string, unknown> | undefined;
    if (!metatype || !prototype) return [];
    return Object.getOwnPropertyNames(prototype).flatMap((name) => {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      const handler = descriptor?.value as object | undefined;
      if (typeof handler !== 'function') return [];
      const cost = Reflect.getMetadata(CREDITS_METADATA, handler) as number | undefined;
      if (cost === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET';
      const path = joinPath(Reflect.getMetadata(PATH_METADATA, metatype), Reflect.getMetadata(PATH_METADATA, handler));
      const authenticated =
        Reflect.getMetadata(AUTH_OPTIONS, handler) !== undefined || Reflect.getMetadata(AUTH_OPTIONS, metatype) !== undefined;
      return [{ prototype, name, descriptor: descriptor!, handler, cost, authenticated, label: `${metatype.name}.${name} (${method} ${path})` }];
    });
  });
}
