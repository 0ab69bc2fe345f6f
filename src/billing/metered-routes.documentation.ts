import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { HttpStatus, Injectable, OnModuleInit, RequestMethod } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ApiResponse } from '@nestjs/swagger';
import { creditCostText, operationCostText } from './credits.decorator';
import { meteredRoutes } from './metered-routes';
import { RATE_LIMIT_HEADERS } from '../common/http/rate-limit-headers';

/** Where @nestjs/swagger keeps a handler's responses and operation (its DECORATORS; not exported by the package). */
const API_RESPONSE_METADATA = 'swagger/apiResponse';
const API_OPERATION_METADATA = 'swagger/apiOperation';

/** Marks a handler whose success response is already documented (metadata outlives one app: tests build many). */
const DOCUMENTED = Symbol('billing:success-documented');

/**
 * Adds the metering headers and the cost sentence to the success response of every `@Credits` route, and the
 * price to its operation's description (so no controller types a cost beside `@Credits(n)`), under
 * the status it really answers: its @HttpCode, else 201 for POST and 200 otherwise (Nest's defaults). Runs
 * at module init, before the OpenAPI document is built, when every decorator has been applied.
 */
@Injectable()
export class MeteredRoutesDocumentation implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const { prototype, name, descriptor, handler, cost } of meteredRoutes(this.discovery)) {
      if (Reflect.getMetadata(DOCUMENTED, handler)) continue;
      const status =
        (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
        (Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK);
      // Headers other decorators declared on this response (e.g. @ReadsFromReplica) are kept beside ours.
      const declared = (Reflect.getMetadata(API_RESPONSE_METADATA, handler) as Record<string, { headers?: object }> | undefined)?.[status]
        ?.headers;
      const headers = { ...declared, ...RATE_LIMIT_HEADERS };
      const document = ApiResponse({ status, description: creditCostText(cost), headers });
      document(prototype, name, descriptor);
      // The operation's own description ends with its price, written from the same number @Credits holds.
      const operation = Reflect.getMetadata(API_OPERATION_METADATA, handler) as { description?: string } | undefined;
      if (operation) {
        const description = [operation.description, operationCostText(cost)].filter(Boolean).join(' ');
        Reflect.defineMetadata(API_OPERATION_METADATA, { ...operation, description }, handler);
      }
      Reflect.defineMetadata(DOCUMENTED, true, handler);
    }
  }
}
