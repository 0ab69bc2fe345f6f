import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { HttpStatus, Injectable, OnModuleInit, RequestMethod } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ApiResponse } from '@nestjs/swagger';
import { CREDITS_METADATA, creditCostText } from './credits.decorator';
import { RATE_LIMIT_HEADERS } from '../common/http/rate-limit-headers';

/** Where @nestjs/swagger keeps a handler's responses (its DECORATORS.API_RESPONSE; not exported by the package). */
const API_RESPONSE_METADATA = 'swagger/apiResponse';

/** Marks a handler whose success response is already documented (metadata outlives one app: tests build many). */
const DOCUMENTED = Symbol('billing:success-documented');

/**
 * Adds the metering headers and the cost sentence to the success response of every `@Credits` route, under
 * the status it really answers: its @HttpCode, else 201 for POST and 200 otherwise (Nest's defaults). Runs
 * at module init, before the OpenAPI document is built, when every decorator has been applied.
 */
@Injectable()
export class MeteredRoutesDocumentation implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const controller of this.discovery.getControllers()) {
      const prototype = controller.metatype?.prototype as Record<string, unknown> | undefined;
      if (!prototype) continue;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
        const handler = descriptor?.value as object | undefined;
        if (typeof handler !== 'function' || Reflect.getMetadata(DOCUMENTED, handler)) continue;
        const cost = Reflect.getMetadata(CREDITS_METADATA, handler) as number | undefined;
        if (cost === undefined) continue;
        const status =
          (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
          (Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK);
        // Headers other decorators declared on this response (e.g. @ReadsFromReplica) are kept beside ours.
        const declared = (Reflect.getMetadata(API_RESPONSE_METADATA, handler) as Record<string, { headers?: object }> | undefined)?.[status]
          ?.headers;
        const headers = { ...declared, ...RATE_LIMIT_HEADERS };
        const document = ApiResponse({ status, description: creditCostText(cost), headers });
        document(prototype, name, descriptor!);
        Reflect.defineMetadata(DOCUMENTED, true, handler);
      }
    }
  }
}
