import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { meteredRoutes } from './metered-routes';

/**
 * Refuses to start an app with a metered route that is not authenticated: `@Credits(n)` spends the caller's
 * credits, so without `@Auth()` there is no caller. Checked once at start, naming every such route, instead of
 * answering 500 to every request the route gets.
 */
@Injectable()
export class MeteredRoutesCheck implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const unauthenticated = meteredRoutes(this.discovery).filter((route) => !route.authenticated);
    if (unauthenticated.length > 0) {
      throw new Error(
        `@Credits needs @Auth(): a metered route must know whose credits it spends. Add @Auth() to ${unauthenticated
          .map((route) => route.label)
          .join(', ')}`,
      );
    }
  }
}
