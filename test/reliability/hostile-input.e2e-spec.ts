import { request as httpRequest } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import { planOverridesFile, removePlanOverridesFiles } from '../billing/support/billing-fixtures';
import { ApiKeysService } from '../../src/auth/api-keys/api-keys.service';
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

/** Writes `request` in one piece on a new socket and returns everything the server sent before closing. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
  });
}

/** A JSON body built to break a parser or a validator: deep nesting, huge arrays or wide objects, some within bounds. */
function hostileJsonBody(random: ReturnType<typeof seededRandom>): string {
  const depth = random.pick([1, 8, 31, 32, 33, 100, 1000, 2000, 5000]);
  const width = random.pick([0, 10, 999, 1000, 1001, 5000, 20_000]);
  const leaf = random.pick(['0', '"x"', 'null', '{}', '[]', '"[[[{{{"']);
  const array = `[${Array(width).fill(leaf).join(',')}]`;
  const object = `{${Array.from({ length: Math.min(width, 3000) }, (_, i) => `"k${i}":${leaf}`).join(',')}}`;
  const inner = random.pick([array, object, leaf]);
  const nested = random.int(2) === 0 ? `${'['.repeat(depth)}${inner}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
  return random.pick([`{"email":"fuzz@example.org","x":${nested}}`, nested, `{"email":${nested}}`]);
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

      // One case in five is a POST of a hostile JSON body instead: deep nesting, huge arrays, wide objects.
      const post = random.int(5) === 0;
      const body = post ? hostileJsonBody(random) : undefined;
      if (post) headers['content-type'] = 'application/json';
      const response = post
        ? await send(port, 'POST', '/api/v1/referrals/signups', headers, body)
        : await send(port, 'GET', `${path}${query}`, headers);

      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      const sent = post ? `POST ${body!.slice(0, 120)}… (${body!.length} chars)` : `${path}${query}`.slice(0, 300);
      const context = { case: i, seed, sent, status: response.status, body: response.body.slice(0, 300) };
      expect({ ...context, serverError: response.status >= 500 }).toEqual({ ...context, serverError: false });
      expect(response.body).not.toMatch(/\bat .+\.(ts|js):\d+|QueryFailedError|node_modules/);
      const envelope = JSON.parse(response.body);
      expect(envelope.code).toBe(response.status);
      if (response.status >= 400) expect(typeof envelope.data.request_id).toBe('string');
      // Only 2xx on metered routes are charged.
      if (response.status < 300 && (post || path.includes('/admin/'))) expectedCharges += 1;
    }
    console.log(`hostile input: ${CASES} cases, statuses ${JSON.stringify(statuses)}, 5xx: ${Object.keys(statuses).filter((s) => Number(s) >= 500).length}`);
    expect(await charged()).toBe(ledgerBefore + expectedCharges);
  }, 180_000);

  it.each([
    ['malformed JSON', 'application/json', '{"email": ', 400, /JSON/i],
    ['a JSON array', 'application/json', '[1,2,3]', 400, /body/i],
    ['a JSON string', 'application/json', '"x"', 400, /body/i],
    ['prototype pollution', 'application/json', '{"__proto__": {"admin": true}, "email": "p@example.org"}', 400, /not valid JSON/],
    ['constructor pollution', 'application/json', '{"constructor": {"prototype": {"admin": true}}, "email": "c@example.org"}', 400, /not valid JSON/],
    ['a form body', 'application/x-www-form-urlencoded', 'email=x%40example.org', 415, /media type/i],
    ['plain text', 'text/plain', 'email=x@example.org', 415, /media type/i],
    ['no content type', '', '{"email":"x@example.org"}', 415, /media type/i],
    ['a huge body', 'application/json', JSON.stringify({ email: 'big@example.org', padding: 'x'.repeat(2_000_000) }), 413, /too large/i],
    ['2,000 levels of nesting', 'application/json', `{"email":"a@b.example","x":${'['.repeat(2000)}${']'.repeat(2000)}}`, 400, /deeper than 32 levels/],
    ['1,000 levels of nesting', 'application/json', `{"email":"a@b.example","x":${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}}`, 400, /deeper than 32 levels/],
    ['33 levels of nesting', 'application/json', `${'{"a":'.repeat(33)}1${'}'.repeat(33)}`, 400, /deeper than 32 levels/],
    ['an array of 20,000 items', 'application/json', `{"email":"a@b.example","x":[${Array(20_000).fill(0).join(',')}]}`, 400, /array of more than 1000 items/],
    ['an object of 2,000 members', 'application/json', `{"email":"a@b.example",${Array.from({ length: 2000 }, (_, i) => `"k${i}":1`).join(',')}}`, 400, /object with more than 100 members/],
    ['brackets inside strings (not nesting)', 'application/json', JSON.stringify({ email: 'a@b.example', referral_code: '['.repeat(5000) }), 400, /^Invalid request body$/],
  ])('answers %s on a POST with the exact 4xx envelope and charges nothing', async (_name, contentType, body, status, message) => {
    const before = await charged();
    const headers: Record<string, string> = { 'x-api-key': adminKey };
    if (contentType) headers['content-type'] = contentType;

    const response = await send(port, 'POST', '/api/v1/referrals/signups', headers, body);

    const envelope = JSON.parse(response.body);
    expect({ status: response.status, msg: envelope.msg }).toEqual({ status, msg: expect.stringMatching(message) });
    expect(envelope).toMatchObject({ code: status, data: { request_id: expect.any(String) } });
    expect(await charged()).toBe(before);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('still accepts a body at the bounds (32 levels, 1,000 items): validation answers it, not the bounds', async () => {
    const nested = `${'{"a":'.repeat(30)}[${Array(1000).fill(0).join(',')}]${'}'.repeat(30)}`;
    const response = await send(port, 'POST', '/api/v1/referrals/signups', { 'x-api-key': adminKey, 'content-type': 'application/json' }, `{"email":"a@b.example","x":${nested}}`);

    const envelope = JSON.parse(response.body);
    expect(response.status).toBe(400);
    expect(envelope.msg).toBe('Invalid request body');
    expect(envelope.data.errors).toEqual([{ field: 'x', message: 'x is not a recognised parameter' }]);
  });

  it('answers oversized headers with 431 and keeps serving', async () => {
    // Node's HTTP parser refuses headers over 16 KB with 431 before Fastify sees them. Sent in one write, and
    // only a little over the limit, so the server has read everything when it answers: it closes with FIN, and
    // the answer can be read (a larger request is reset mid-write, which proves nothing either way).
    const raw = await rawExchange(
      port,
      `GET /api/v1/admin/referrals/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: ${adminKey}\r\nx-padding: ${'x'.repeat(20 * 1024)}\r\n\r\n`,
    );

    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect((await send(port, 'GET', '/api/v1/admin/referrals/stats', { 'x-api-key': adminKey })).status).toBe(200);
  });
});

describe('deleted and downgraded principals', () => {
  describe('with keys cached for a minute', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ API_KEY_CACHE_TTL_MS: '60000', AUTH_FAILURES_PER_MINUTE: '100000' });
    });

    afterAll(() => t.close());

    it("answers 401 for a deleted account's cached key, on metered and free routes, while the others keep working", async () => {
      const gone = await createAccountWithKey(t.app, 'admin');
      const live = await createAccountWithKey(t.app, 'admin');
      // Verified and cached, never charged (an account with ledger rows cannot be deleted: ON DELETE RESTRICT).
      expect((await t.http.get('/api/v1/plans').set('x-api-key', gone.apiKey)).status).toBe(200);
      await t.db.query(`DELETE FROM accounts WHERE id = $1`, [gone.accountId]);

      // Interleaved in the same admission batches: the deleted account's requests must not fail the others'.
      const calls = Array.from({ length: 40 }, (_, i) => {
        const who = i % 2 === 0 ? gone : live;
        const path = i % 4 < 2 ? '/api/v1/account/usage' : '/api/v1/admin/referrals/stats';
        return t.http.get(path).set('x-api-key', who.apiKey).then((response) => ({ who, path, response }));
      });
      for (const { who, path, response } of await Promise.all(calls)) {
        const expected = who === gone ? { status: 401, reason: 'invalid_api_key' } : { status: 200, reason: undefined };
        expect({ path, status: response.status, reason: response.body.data?.reason }).toEqual({ path, ...expected });
      }
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM billing_ledger WHERE account_id = $1`, [live.accountId]);
      expect(count).toBe(10); // the 10 stats calls (1 credit each); own usage is free and writes no row
      // Dropped from the cache at the first refusal: the key is now unknown outright.
      expect((await t.http.get('/api/v1/account/usage').set('x-api-key', gone.apiKey)).body.data.reason).toBe('invalid_api_key');
    });

    it('answers 401 for a revoked key at once on the instance that revoked it', async () => {
      const account = await createAccountWithKey(t.app, 'pro');
      expect((await t.http.get('/api/v1/account/usage').set('x-api-key', account.apiKey)).status).toBe(200);
      const [{ id }] = await t.db.query(`SELECT id FROM api_keys WHERE account_id = $1`, [account.accountId]);
      await t.app.get(ApiKeysService).revoke(id);

      const response = await t.http.get('/api/v1/account/usage').set('x-api-key', account.apiKey);
      expect({ status: response.status, reason: response.body.data.reason }).toEqual({ status: 401, reason: 'revoked_api_key' });
    });
  });

  describe('with keys cached for one second', () => {
    const TTL_MS = 1000;
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({
        API_KEY_CACHE_TTL_MS: String(TTL_MS),
        PLAN_OVERRIDES_FILE: planOverridesFile({ admin: { rate_limit_per_minute: 10_000 }, free: { rate_limit_per_minute: 10_000 } }),
      });
    });

    afterAll(() => t.close());

    it('serves a downgraded plan from the cache for at most API_KEY_CACHE_TTL_MS, then refuses the admin route', async () => {
      const account = await createAccountWithKey(t.app, 'admin');
      expect((await t.http.get('/api/v1/admin/referrals/stats').set('x-api-key', account.apiKey)).status).toBe(200);
      await t.db.query(`UPDATE accounts SET plan = 'free' WHERE id = $1`, [account.accountId]);
      const downgradedAt = Date.now();

      // Polled, not slept: every request sent after the bound must see the new plan.
      const seen: Array<{ sentAfterMs: number; status: number }> = [];
      while (Date.now() - downgradedAt < TTL_MS + 3000) {
        const sentAfterMs = Date.now() - downgradedAt;
        const { status } = await t.http.get('/api/v1/admin/referrals/stats').set('x-api-key', account.apiKey);
        seen.push({ sentAfterMs, status });
        if (sentAfterMs > TTL_MS && status === 403) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const late = seen.filter((request) => request.sentAfterMs >= TTL_MS);
      expect(late.length).toBeGreaterThan(0);
      expect(late.filter((request) => request.status !== 403)).toEqual([]);
      expect(seen.every((request) => [200, 403].includes(request.status))).toBe(true);
      const usage = await t.http.get('/api/v1/account/usage').set('x-api-key', account.apiKey);
      expect(usage.body.data.plan).toBe('free');
    });
  });
});
