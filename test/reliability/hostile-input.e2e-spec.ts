import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { planOverridesFile, removePlanOverridesFiles } from '../billing/support/billing-fixtures';
import { createAccountWithKey } from '../support/auth-fixtures';
import { seededRandom } from '../support/random';
import { createTestApp, TestApp } from '../support/test-app';

const NAMES = ['from', 'to', 'campaign', 'limit', 'cursor', 'status', 'interval', 'timezone', 'sort', 'referrer', '__proto__', 'constructor', 'prototype', 'from[]', 'to[gt]', 'a'.repeat(300), '%00', '💥', ''];
const VALUES = [
  '2026-10-01T00:00:00Z',
  '2026-10-01T00:00:00.123456789+05:30',
  '9999-12-31T23:59:59.999999Z',
  '0001-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '',
  '%',
  '%zz',
  '%00',
  '%F0%9F%92%A5',
  '%C0%AF',
  '%ED%A0%80',
  "' OR 1=1 --",
  '"; DROP TABLE referrals; --',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '{"$gt":""}',
  '-1',
  '1e309',
  'NaN',
  'x'.repeat(5000),
  '春'.repeat(300),
  '\u0000',
  'Europe/Berlin',
  '../../etc/passwd',
];
const PATHS = [
  '/api/v1/admin/referrals/stats',
  '/api/v1/admin/referrals/stats/timeseries',
  '/api/v1/admin/referrals/stats/campaigns',
  '/api/v1/admin/referrals',
  '/api/v1/account/usage',
  '/api/v1/account/referral',
  '/api/v1/plans',
];

interface RawResponse {
  status: number;
  body: string;
}

/** Raw HTTP, so the query string and headers go out exactly as written, malformed or not. */
function send(port: number, method: string, path: string, headers: Record<string, string | string[]>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('hostile input', () => {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
  const CASES = 2000;
  let t: TestApp;
  let port: number;
  let adminKey: string;

  beforeAll(async () => {
    // Limits lifted so the run measures input handling, not refusals; every request is authenticated.
    t = await createTestApp({
      AUTH_FAILURES_PER_MINUTE: '100000',
      PLAN_OVERRIDES_FILE: planOverridesFile({ admin: { rate_limit_per_minute: 100_000 } }),
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    adminKey = (await createAccountWithKey(t.app, 'admin')).apiKey;
  });

  afterAll(async () => {
    await t.close();
    removePlanOverridesFiles();
  });

  const charged = async () => Number((await t.db.query(`SELECT count(*) FROM billing_ledger`))[0].count);

  it(`answers ${CASES} random hostile requests with a 4xx envelope (or a 2xx), never a 5xx or a stack trace (seed ${seed})`, async () => {
    const random = seededRandom(seed);
    const statuses: Record<number, number> = {};
    const ledgerBefore = await charged();
    let expectedCharges = 0;
    for (let i = 0; i < CASES; i++) {
      const path = random.pick(PATHS);
      const parameters = Array.from({ length: random.int(5) }, () => {
        const name = random.pick(NAMES);
        const value = random.pick(VALUES);
        // Half the time encode properly; otherwise send the raw bytes, percent-encoding errors included.
        // (Bytes HTTP cannot carry raw, spaces, controls and non-ASCII, are escaped even then.)
        return random.int(2) === 0
          ? `${encodeURIComponent(name)}=${encodeURIComponent(value)}`
          : `${name}=${value}`.replace(/[^\x21-\x7e]|#/gu, (char) => encodeURIComponent(char));
      });
      const query = parameters.length > 0 ? `?${parameters.join('&')}` : '';
      const headers: Record<string, string | string[]> = { 'x-api-key': adminKey };
      if (random.int(10) === 0) headers['x-request-id'] = random.pick(VALUES).replace(/[^\x20-\x7e]/g, '?');
      if (random.int(20) === 0) headers['x-api-key'] = [adminKey, adminKey];
      if (random.int(20) === 0) headers.authorization = `Bearer ${random.pick(VALUES).replace(/[^\x20-\x7e]/g, '')}`;

      const response = await send(port, 'GET', `${path}${query}`, headers);

      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      const context = { case: i, seed, path: `${path}${query}`.slice(0, 300), status: response.status, body: response.body.slice(0, 300) };
      expect({ ...context, serverError: response.status >= 500 }).toEqual({ ...context, serverError: false });
      expect(response.body).not.toMatch(/\bat .+\.(ts|js):\d+|QueryFailedError|node_modules/);
      const envelope = JSON.parse(response.body);
      expect(envelope.code).toBe(response.status);
      if (response.status >= 400) expect(typeof envelope.data.request_id).toBe('string');
      // Only 2xx on metered routes are charged.
      if (response.status < 300 && path.includes('/admin/')) expectedCharges += 1;
    }
    console.log(`hostile input: ${CASES} cases, statuses ${JSON.stringify(statuses)}, 5xx: ${Object.keys(statuses).filter((s) => Number(s) >= 500).length}`);
    expect(await charged()).toBe(ledgerBefore + expectedCharges);
  }, 180_000);

  it.each([
    ['malformed JSON', 'application/json', '{"email": '],
    ['a JSON array', 'application/json', '[1,2,3]'],
    ['a JSON string', 'application/json', '"x"'],
    ['prototype pollution', 'application/json', '{"__proto__": {"admin": true}, "email": "p@example.org"}'],
    ['constructor pollution', 'application/json', '{"constructor": {"prototype": {"admin": true}}, "email": "c@example.org"}'],
    ['a form body', 'application/x-www-form-urlencoded', 'email=x%40example.org'],
    ['plain text', 'text/plain', 'email=x@example.org'],
    ['no content type', '', '{"email":"x@example.org"}'],
    ['a huge body', 'application/json', JSON.stringify({ email: 'big@example.org', padding: 'x'.repeat(2_000_000) })],
  ])('answers %s on a POST with a 4xx envelope and charges nothing', async (_name, contentType, body) => {
    const before = await charged();
    const headers: Record<string, string> = { 'x-api-key': adminKey };
    if (contentType) headers['content-type'] = contentType;

    const response = await send(port, 'POST', '/api/v1/referrals/signups', headers, body);

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(JSON.parse(response.body)).toMatchObject({ code: response.status, data: { request_id: expect.any(String) } });
    expect(await charged()).toBe(before);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('answers oversized headers with a 4xx and keeps serving', async () => {
    const response = await send(port, 'GET', '/api/v1/admin/referrals/stats', { 'x-api-key': adminKey, 'x-padding': 'x'.repeat(64 * 1024) }).catch(
      (error: NodeJS.ErrnoException) => ({ status: error.code === 'ECONNRESET' ? 431 : 0, body: '' }),
    );

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await send(port, 'GET', '/api/v1/admin/referrals/stats', { 'x-api-key': adminKey })).status).toBe(200);
  });
});
