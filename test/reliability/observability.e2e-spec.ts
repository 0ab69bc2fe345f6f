import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { planOverridesFile, removePlanOverridesFiles } from '../billing/support/billing-fixtures';
import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { untilWaitingOnALock } from '../support/test-database';

const STATS = '/api/v1/admin/referrals/stats';
const METRICS_TOKEN = 'metrics-token-for-tests-0123';

describe('logs and metrics', () => {
  let t: TestApp;
  let adminKey: string;
  const lines: string[] = [];
  let stdout: jest.SpyInstance;

  beforeAll(async () => {
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      return true;
    });
    t = await createTestApp({
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'log',
      METRICS_TOKEN,
      PLAN_OVERRIDES_FILE: planOverridesFile({ admin: { rate_limit_per_minute: 6 } }),
    });
    adminKey = (await createAccountWithKey(t.app, 'admin')).apiKey;
    await t.http.get(STATS).set('x-api-key', adminKey).expect(200);
    await t.http.get(`${STATS}?from=yesterday`).set('x-api-key', adminKey).expect(400);
    await t.http.get(STATS).set('x-api-key', `${adminKey}x`).expect(401);
    await t.http.get(STATS).set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ').expect(401);
    for (let i = 0; i < 6; i++) await t.http.get(STATS).set('x-api-key', adminKey);
  });

  afterAll(async () => {
    stdout.mockRestore();
    await t.close();
    removePlanOverridesFiles();
  });

  it('writes one JSON line per request with request id, account, route, status, latency and credits', () => {
    const requests = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');

    expect(requests.length).toBeGreaterThanOrEqual(10);
    const charged = requests.find((entry) => entry.status === 200 && entry.route === STATS);
    expect(charged).toMatchObject({
      level: 'info',
      request_id: expect.any(String),
      account_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      credential: 'api_key',
      method: 'GET',
      route: STATS,
      latency_ms: expect.any(Number),
      credits_charged: 1,
    });
    expect(requests.find((entry) => entry.status === 429)).toMatchObject({ reason: 'rate_limited', credits_charged: 0 });
    expect(requests.find((entry) => entry.status === 401)).toMatchObject({ reason: 'invalid_api_key', account_id: null });
  });

  it('never logs a key or a token', () => {
    const all = lines.join('\n');

    expect(all).not.toContain(adminKey);
    expect(all).not.toContain(adminKey.slice(9, 30));
    expect(all).not.toContain('eyJzdWIiOiJ4In0');
  });

  it('serves Prometheus metrics with every named series counted', async () => {
    const response = await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    const value = (pattern: RegExp) => Number(pattern.exec(response.text)?.[1] ?? 0);

    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(value(/http_requests_total\{method="GET",route="\/api\/v1\/admin\/referrals\/stats",status="200"\} (\d+)/)).toBeGreaterThan(0);
    expect(value(/http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/admin\/referrals\/stats",status="200"\} (\d+)/)).toBeGreaterThan(0);
    expect(value(/billing_credits_charged_total\{route="\/api\/v1\/admin\/referrals\/stats"\} (\d+)/)).toBeGreaterThan(0);
    expect(value(/http_too_many_requests_total\{reason="rate_limited"\} (\d+)/)).toBeGreaterThan(0);
    expect(value(/auth_failures_total\{reason="invalid_api_key"\} (\d+)/)).toBeGreaterThan(0);
    expect(value(/auth_failures_total\{reason="invalid_token"\} (\d+)/)).toBeGreaterThan(0);
    expect(value(/db_pool_connections\{state="total"\} (\d+)/)).toBeGreaterThan(0);
  });

  it('records a request whose client left before its answer: one line, 499, the time it waited, no credits', async () => {
    const { accountId, apiKey } = await createAccountWithKey(t.app, 'admin');
    await t.http.get(STATS).set('x-api-key', apiKey).expect(200);
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // The account's counters row is locked, so the request's admission waits, and the client leaves meanwhile.
    const locker = t.db.createQueryRunner();
    await locker.connect();
    await locker.startTransaction();
    const requestId = randomUUID();
    try {
      await locker.query('SELECT account_id FROM billing_counters WHERE account_id = $1 FOR UPDATE', [accountId]);
      const abandoned = httpRequest({
        host: '127.0.0.1',
        port: (server.address() as AddressInfo).port,
        path: STATS,
        headers: { 'x-api-key': apiKey, 'x-request-id': requestId },
      });
      abandoned.on('error', () => undefined);
      abandoned.end();
      // Left 300 ms after its admission was seen waiting: it has waited at least that long when its client leaves.
      await untilWaitingOnALock(t.database.url);
      await new Promise((resolve) => setTimeout(resolve, 300));
      abandoned.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await locker.commitTransaction();
      await locker.release();
    }
    // Once the lock goes, the request is admitted into the closed socket and refunded: still one line.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const entries = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request' && entry.request_id === requestId);
    expect(entries).toEqual([
      expect.objectContaining({ status: 499, route: STATS, account_id: accountId, credits_charged: 0, reason: 'client_closed_request' }),
    ]);
    expect(entries[0].latency_ms).toBeGreaterThanOrEqual(300);
    const metrics = await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(metrics.text).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/admin\/referrals\/stats",status="499"\} 1\b/);
  });

  it('refuses a scrape without the token', async () => {
    await t.http.get('/metrics').expect(401);
    await t.http.get('/metrics').set('Authorization', 'Bearer wrong-token-wrong-token').expect(401);
  });
});

describe('metrics without METRICS_TOKEN', () => {
  it('do not exist', async () => {
    const t = await createTestApp();
    try {
      await t.http.get('/metrics').expect(404);
    } finally {
      await t.close();
    }
  });
});
