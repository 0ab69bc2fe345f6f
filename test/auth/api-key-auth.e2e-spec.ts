import { PLANS } from '../../src/plans/plan-registry';
import { generateApiKey } from '../../src/auth/api-keys/api-key-format';
import { ApiKeysRepository } from '../../src/auth/api-keys/api-keys.repository';
import { ApiKeysService } from '../../src/auth/api-keys/api-keys.service';
import { createAccount, createAccountWithKey } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

const STATS = '/api/v1/admin/referrals/stats';

function expectAuthError(body: unknown, code: number, msg: string, reason: string): void {
  expect(body).toEqual({ code, msg, data: { request_id: expect.any(String), reason } });
}

describe('GET /api/v1/admin/referrals/stats with API keys', () => {
  let t: TestApp;

  beforeAll(async () => {
    // No key cache here, so every row below sees the database's current state.
    t = await createTestApp({ API_KEY_CACHE_TTL_MS: '0' });
  });

  afterAll(() => t.close());

  it('returns 401 without credentials', async () => {
    const response = await t.http.get(STATS).expect(401);

    expect(response.body.msg).toMatch(/^Missing credentials/);
    expect(response.body.data.reason).toBe('missing_credentials');
  });

  it('returns 401 for a well-formed key that does not exist', async () => {
    const response = await t.http.get(STATS).set('x-api-key', generateApiKey().key).expect(401);

    expectAuthError(response.body, 401, 'Invalid API key', 'invalid_api_key');
  });

  it('returns 401 for a malformed key without querying the database', async () => {
    const lookups = jest.spyOn(t.app.get(ApiKeysRepository), 'findCredentialByHash');
    const { key } = generateApiKey();
    const typo = key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a');

    for (const malformed of ['hunter2', typo, `${key}x`, key.toUpperCase()]) {
      const response = await t.http.get(STATS).set('x-api-key', malformed).expect(401);
      expectAuthError(response.body, 401, 'Invalid API key', 'invalid_api_key');
    }
    expect(lookups).not.toHaveBeenCalled();
    lookups.mockRestore();
  });

  it('returns 401 for a revoked key', async () => {
    const accountId = await createAccount(t.db, { plan: 'admin' });
    const { key, record } = await t.app.get(ApiKeysService).create(accountId);
    await t.app.get(ApiKeysService).revoke(record.id);

    const response = await t.http.get(STATS).set('x-api-key', key).expect(401);

    expectAuthError(response.body, 401, 'API key revoked', 'revoked_api_key');
  });

  it('returns 401 for an expired key', async () => {
    const accountId = await createAccount(t.db, { plan: 'admin' });
    const { key, record } = await t.app.get(ApiKeysService).create(accountId, {
      expiresAt: new Date(Date.now() + 60_000),
    });
    await t.db.query(
      `UPDATE api_keys SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE id = $1`,
      [record.id],
    );

    const response = await t.http.get(STATS).set('x-api-key', key).expect(401);

    expectAuthError(response.body, 401, 'API key expired', 'expired_api_key');
  });

  it.each(PLANS.filter((plan) => plan !== 'admin'))('returns 403 for a valid %s-plan key', async (plan) => {
    const { apiKey } = await createAccountWithKey(t.app, plan);

    const response = await t.http.get(STATS).set('x-api-key', apiKey).expect(403);

    expectAuthError(response.body, 403, 'Admin plan required', 'plan_required');
  });

  it('returns 200 for an admin key', async () => {
    const { apiKey } = await createAccountWithKey(t.app, 'admin');

    const response = await t.http.get(STATS).set('x-api-key', apiKey).expect(200);

    expect(response.body.code).toBe(200);
  });

  it('uses the API key when both an API key and a bearer token are sent', async () => {
    const { apiKey } = await createAccountWithKey(t.app, 'admin');

    await t.http.get(STATS).set('x-api-key', apiKey).set('Authorization', 'Bearer not-a-jwt').expect(200);
    const response = await t.http
      .get(STATS)
      .set('x-api-key', generateApiKey().key)
      .set('Authorization', 'Bearer not-a-jwt')
      .expect(401);
    expect(response.body.data.reason).toBe('invalid_api_key');
  });

  it('refuses an x-api-key header sent twice', async () => {
    const { apiKey } = await createAccountWithKey(t.app, 'admin');
    const twice = [apiKey, apiKey] as unknown as string; // superagent sends an array as two header lines

    const response = await t.http.get(STATS).set('x-api-key', twice).expect(401);

    expect(response.body.data.reason).toBe('invalid_api_key');
  });

  it('refuses bearer tokens when no JWT key is configured', async () => {
    const response = await t.http.get(STATS).set('Authorization', 'Bearer a.b.c').expect(401);

    expectAuthError(response.body, 401, 'Invalid token', 'invalid_token');
  });

  it('honours a plan downgrade on the next request', async () => {
    const { accountId, apiKey } = await createAccountWithKey(t.app, 'admin');
    await t.http.get(STATS).set('x-api-key', apiKey).expect(200);

    await t.db.query(`UPDATE accounts SET plan = 'pro' WHERE id = $1`, [accountId]);

    await t.http.get(STATS).set('x-api-key', apiKey).expect(403);
  });

  it('records last use at most once a minute', async () => {
    const accountId = await createAccount(t.db, { plan: 'admin' });
    const { key, record } = await t.app.get(ApiKeysService).create(accountId);
    const lastUsed = async () =>
      (await t.db.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [record.id]))[0].last_used_at;
    expect(await lastUsed()).toBeNull();

    const touches = jest.spyOn(t.app.get(ApiKeysRepository), 'touchLastUsed');
    await t.http.get(STATS).set('x-api-key', key).expect(200);
    await waitFor(async () => (await lastUsed()) !== null);
    const first = await lastUsed();
    await t.http.get(STATS).set('x-api-key', key).expect(200);

    // The write is issued (or not) before the response, so counting the calls needs no waiting.
    expect(touches).toHaveBeenCalledTimes(1);
    touches.mockRestore();
    expect(await lastUsed()).toEqual(first);
  });

  it('stores no raw key: no column of any key row contains the key or its secret part', async () => {
    const { apiKey } = await createAccountWithKey(t.app, 'admin');
    const secretPart = apiKey.slice('crw_live_'.length);

    const rows: Array<{ row: string }> = await t.db.query(
      `SELECT row_to_json(k)::text || encode(k.key_hash, 'escape') || encode(k.key_hash, 'hex') AS row FROM api_keys k`,
    );

    expect(rows.length).toBeGreaterThan(0);
    for (const { row } of rows) {
      expect(row).not.toContain(apiKey);
      expect(row).not.toContain(secretPart.slice(0, 16));
    }
  });
});

describe('API key revocation with the verification cache', () => {
  const TTL_MS = 400;
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ API_KEY_CACHE_TTL_MS: String(TTL_MS) });
  });

  afterAll(() => t.close());

  it(`takes effect within the cache bound (${TTL_MS} ms)`, async () => {
    const accountId = await createAccount(t.db, { plan: 'admin' });
    const { key, record } = await t.app.get(ApiKeysService).create(accountId);
    await t.http.get(STATS).set('x-api-key', key).expect(200); // now cached

    await t.app.get(ApiKeysService).revoke(record.id);
    const revokedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < TTL_MS * 3) {
      status = (await t.http.get(STATS).set('x-api-key', key)).status;
    }

    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(TTL_MS + 200);
  });
});

describe('failed authentication limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_FAILURES_PER_MINUTE: '3' });
  });

  afterAll(() => t.close());

  it('answers 429 with Retry-After once an IP has failed the limit, even for a valid key', async () => {
    const { apiKey } = await createAccountWithKey(t.app, 'admin');
    for (let i = 0; i < 3; i++) await t.http.get(STATS).set('x-api-key', generateApiKey().key).expect(401);

    const blocked = await t.http.get(STATS).set('x-api-key', generateApiKey().key).expect(429);
    const blockedValid = await t.http.get(STATS).set('x-api-key', apiKey).expect(429);

    expect(blocked.body).toEqual({
      code: 429,
      msg: 'Too many failed authentication attempts',
      data: { request_id: expect.any(String), reason: 'too_many_failures', retry_after_seconds: expect.any(Number) },
    });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(blockedValid.body.data.reason).toBe('too_many_failures');
  });
});

describe('secrets in logs', () => {
  it('never writes an API key to any log line, on successes, failures or crashes', async () => {
    const captured: string[] = [];
    const capture = (stream: NodeJS.WriteStream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        captured.push(chunk.toString());
        return true;
      });
    const stdout = capture(process.stdout);
    const stderr = capture(process.stderr);
    const t = await createTestApp({ LOG_LEVEL: 'verbose' });
    try {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'admin');
      const { key: revoked, record } = await t.app.get(ApiKeysService).create(accountId, { name: 'to revoke' });
      await t.app.get(ApiKeysService).revoke(record.id);
      await t.http.get(STATS).set('x-api-key', apiKey).expect(200);
      await t.http.get(`${STATS}?from=bad`).set('x-api-key', apiKey).expect(400);
      await t.http.get(STATS).set('x-api-key', `${apiKey}0`).expect(401);
      await t.http.get(STATS).set('x-api-key', revoked).expect(401);
      await t.db.query('DROP TABLE referral_clicks CASCADE');
      await t.http.get(STATS).set('x-api-key', apiKey).expect(500);

      const logs = captured.join('');
      expect(logs).toContain('failed'); // the crash was logged, so the capture works
      for (const key of [apiKey, revoked]) {
        expect(logs).not.toContain(key);
        expect(logs).not.toContain(key.slice('crw_live_'.length, 30));
      }
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      await t.close();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
