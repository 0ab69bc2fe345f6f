import {
  CallHandler,
  Controller,
  DynamicModule,
  ExecutionContext,
  Get,
  Inject,
  Injectable,
  Logger,
  Module,
  NestInterceptor,
  OnApplicationShutdown,
  OnModuleInit,
  Query,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectThrottlerOptions, ThrottlerGuard, ThrottlerModule, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { FastifyRequest } from 'fastify';
import { Observable, tap } from 'rxjs';
import { DataSource } from 'typeorm';
import { Auth } from '../../src/auth/auth.decorator';
import { primaryPool } from '../../src/database/pools';
import { ReferralStatsQueryDto } from '../../src/referrals/dto/referral-stats-query.dto';
import { ReferralStatsResponse } from '../../src/referrals/dto/referral-stats.response';
import { ReferralStatsService } from '../../src/referrals/stats/referral-stats.service';

export const PEER_MEMORY = '/api/v1/bench/peer-memory';
export const PEER_REDIS = '/api/v1/bench/peer-redis';
const PEER_REDIS_STORAGE = Symbol('PEER_REDIS_STORAGE');

/**
 * The peer the benchmark ranks metering against: the stats endpoint as a typical NestJS team would meter it.
 * `@nestjs/throttler` per API key (in-memory storage, or Redis through `@nest-lab/throttler-storage-redis`),
 * then a plain `UPDATE … SET used = used + 1` fired after the handler, not awaited. No daily cap, no credits
 * check; a charge in flight is lost on a crash, and the throttler's window admits up to twice its limit at a
 * window edge. It serves the same stats service (same SQL, same pool) and the same `@Auth()` as the twins in
 * bench-routes.module.ts, in the same process, so the only difference measured is the metering.
 *
 * Its counter table lives in the benchmark's scratch database only (created by bench-server.ts).
 */
export const PEER_USAGE_TABLE = `CREATE TABLE IF NOT EXISTS bench_peer_usage (account_id uuid PRIMARY KEY, used bigint NOT NULL DEFAULT 0)`;
export const PEER_USAGE_ROWS = `INSERT INTO bench_peer_usage (account_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING`;
const COUNT_USE = `UPDATE bench_peer_usage SET used = used + 1 WHERE account_id = $1`;

/** As high as the plans' lifted limits in the benchmark: it measures the throttler's cost, not refusals. */
const PEER_LIMIT_PER_MINUTE = 100_000;

/**
 * Throttles per account (the principal `@Auth()` established), not per IP: the benchmark's load has one IP,
 * and one key for all traffic would make the in-memory storage scan one ever-growing list of hits. It must
 * run after the credentials guard (its decorator above `@Auth()`, since decorators apply bottom-up).
 */
@Injectable()
class PeerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const principal = (req as unknown as FastifyRequest).principal;
    if (!principal) throw new Error('the peer throttler ran before @Auth(): put @UseGuards above @Auth()');
    return principal.accountId;
  }
}

@Injectable()
class PeerRedisThrottlerGuard extends PeerThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @Inject(PEER_REDIS_STORAGE) storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }
}

/**
 * Counts a use after a successful handler, without waiting for the write (as the peer's authors would). A
 * write that fails (the pool closing at shutdown with updates still queued) is a use never counted: the
 * count is logged once at shutdown, one line rather than one per lost charge.
 */
@Injectable()
class PeerUsageInterceptor implements NestInterceptor, OnApplicationShutdown {
  private readonly logger = new Logger('PeerUsage');
  private lost = 0;
  private lastError = '';

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const accountId = context.switchToHttp().getRequest<FastifyRequest>().principal?.accountId;
    return next.handle().pipe(
      tap(() => {
        primaryPool(this.dataSource)
          .query(COUNT_USE, [accountId])
          .catch((error: unknown) => {
            this.lost += 1;
            this.lastError = String(error);
          });
      }),
    );
  }

  onApplicationShutdown(): void {
    if (this.lost > 0) this.logger.warn(`peer lost ${this.lost} usage updates (last error: ${this.lastError})`);
  }
}

abstract class PeerStatsController implements OnModuleInit {
  private statsService: ReferralStatsService;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    this.statsService = this.moduleRef.get(ReferralStatsService, { strict: false });
  }

  protected serve(query: ReferralStatsQueryDto): Promise<ReferralStatsResponse> {
    return this.statsService.getStats(query);
  }
}

@Controller('bench')
class PeerMemoryController extends PeerStatsController {
  constructor(moduleRef: ModuleRef) {
    super(moduleRef);
  }

  @Get('peer-memory')
  @UseGuards(PeerThrottlerGuard)
  @Auth()
  @UseInterceptors(PeerUsageInterceptor)
  stats(@Query() query: ReferralStatsQueryDto): Promise<ReferralStatsResponse> {
    return this.serve(query);
  }
}

@Controller('bench')
class PeerRedisController extends PeerStatsController {
  constructor(moduleRef: ModuleRef) {
    super(moduleRef);
  }

  @Get('peer-redis')
  @UseGuards(PeerRedisThrottlerGuard)
  @Auth()
  @UseInterceptors(PeerUsageInterceptor)
  stats(@Query() query: ReferralStatsQueryDto): Promise<ReferralStatsResponse> {
    return this.serve(query);
  }
}

@Module({})
export class PeerModule {
  /** The in-memory peer always; the Redis peer only when `redisUrl` is given (the caller checked it answers). */
  static forRoot(redisUrl: string | undefined): DynamicModule {
    return {
      module: PeerModule,
      imports: [ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: PEER_LIMIT_PER_MINUTE }] })],
      controllers: redisUrl ? [PeerMemoryController, PeerRedisController] : [PeerMemoryController],
      providers: redisUrl ? [{ provide: PEER_REDIS_STORAGE, useFactory: () => new ThrottlerStorageRedisService(redisUrl) }] : [],
    };
  }
}
