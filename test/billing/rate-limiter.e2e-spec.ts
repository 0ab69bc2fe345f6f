import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { API_PREFIX } from '../../src/app.factory';
import {
  RATE_LIMITER,
  RateDecision,
  RateLimitedRequest,
  RateLimiter,
} from '../../src/billing/rate-limit/rate-limiter';
import { AppConfig } from '../../src/config/app-config';
import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { chargeEarlierToday, countersOf, ledgerOf } from './support/billing-fixtures';
import { METERED, MeteredRoutesModule } from './support/metered-routes.module';

/** A limiter with its own (test) store: refuses the accounts it is told to, allows the rest, remembers forgets. */
class ScriptedRateLimiter implements RateLimiter {
  readonly refusing = new Set<string>();
  readonly forgotten: string[] = [];
  readonly asked: RateLimitedRequest[] = [];

  decide(requests: readonly RateLimitedRequest[]): Promise<ReadonlyArray<RateDecision>> {
    this.asked.push(...requests);
    // Its store says: the admission blocking a refused account was made 30 s ago.
    const blockingAdmission = new Date(Date.now() - 30_000);
    return Promise.resolve(
      requests.map((asked) =>
        this.refusing.has(asked.accountId)
          ? { allowed: false, blockingAdmission, minuteCount: asked.ratePerMinute, minuteOldest: blockingAdmission }
          : { allowed: true, blockingAdmission: null, minuteCount: 2, minuteOldest: new Date() },
      ),
    );
  }

  forget(requests: readonly RateLimitedRequest[]): Promise<void> {
    this.forgotten.push(...requests.map((asked) => asked.accountId));
    return Promise.resolve();
  }
}

/**
 * The RateLimiter boundary: another implementation, swapped in through the one RATE_LIMITER provider, decides
 * every metered request's rate limit, while the rest of metering (the admission statement's credits and cap, the
 * charges, the 429 and its headers, the interceptor) runs unchanged. The PostgreSQL sliding log (the provider's
 * production choice) is tested by metering-repository.e2e-spec.ts and metering.e2e-spec.ts.
 */
describe('RateLimiter provider', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let db: DataSource;
  const limiter = new ScriptedRateLimiter();

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = AppConfig.fromEnvironment({ LOG_LEVEL: 'error', DATABASE_URL: database.url });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, [MeteredRoutesModule])] })
      .overrideProvider(RATE_LIMITER)
      .useValue(limiter)
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    app.setGlobalPrefix(API_PREFIX);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('admits what the limiter allows: charged as usual, headers from its window, the sliding log untouched', async () => {
    const { accountId, apiKey } = await createAccountWithKey(app, 'free');

    const response = await request(app.getHttpServer()).get(`${METERED}/ok`).set('x-api-key', apiKey).expect(200);

    expect(limiter.asked).toContainEqual({ accountId, ratePerMinute: 5 });
    expect(response.headers['ratelimit']).toMatch(/^"minute";r=3;/);
    expect(response.headers['x-credits-charged']).toBe('1');
    expect(await ledgerOf(db, accountId)).toHaveLength(1);
    expect(await countersOf(db, accountId)).toMatchObject({ day_used: 1, admissions: 0 });
  });

  it('refuses what the limiter refuses: 429 rate_limited with its Retry-After, nothing charged', async () => {
    const { accountId, apiKey } = await createAccountWithKey(app, 'free');
    limiter.refusing.add(accountId);

    const response = await request(app.getHttpServer()).get(`${METERED}/ok`).set('x-api-key', apiKey).expect(429);

    expect(response.body.data).toMatchObject({ reason: 'rate_limited' });
    // The verdict's blocking admission was made 30 s ago: it leaves the window in about 30 s.
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(28);
    expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(31);
    expect(response.headers['ratelimit']).toMatch(/^"minute";r=0;/);
    expect(await ledgerOf(db, accountId)).toEqual([]);
    expect(await countersOf(db, accountId)).toMatchObject({ day_used: 0, admissions: 0 });
    expect(limiter.forgotten).not.toContain(accountId);
  });

  it('keeps the statement\'s own refusals first, and tells the limiter to forget what it allowed in vain', async () => {
    const { accountId, apiKey } = await createAccountWithKey(app, 'free');
    await chargeEarlierToday(db, accountId, { included: 500 }); // the free plan's daily cap

    const response = await request(app.getHttpServer()).get(`${METERED}/ok`).set('x-api-key', apiKey).expect(429);

    expect(response.body.data).toMatchObject({ reason: 'daily_cap_reached' });
    expect(limiter.forgotten).toContain(accountId);
    expect(await countersOf(db, accountId)).toMatchObject({ day_used: 500 });
  });
});
