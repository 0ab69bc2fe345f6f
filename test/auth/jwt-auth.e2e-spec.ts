import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { createAccount } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

const STATS = '/api/v1/admin/referrals/stats';
const SECRET = 'test-secret-of-at-least-32-characters!!';

/** An unsigned token, header and payload as given: what an attacker would send to try `alg: none`. */
function unsignedToken(payload: object): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}

const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('GET /api/v1/admin/referrals/stats with an HS256 admin JWT', () => {
  let t: TestApp;
  let adminId: string;

  beforeAll(async () => {
    t = await createTestApp({ JWT_SECRET: SECRET });
    adminId = await createAccount(t.db, { plan: 'admin' });
  });

  afterAll(() => t.close());

  const withToken = (token: string) => t.http.get(STATS).set('Authorization', `Bearer ${token}`);
  const hs256 = (claims: object, secret = SECRET) => sign(claims, secret, { algorithm: 'HS256' });

  it('returns 200 for a valid admin token', async () => {
    await withToken(hs256({ sub: adminId, exp: inOneHour() })).expect(200);
  });

  it('returns 401 "Token expired" for an expired token', async () => {
    const response = await withToken(hs256({ sub: adminId, exp: Math.floor(Date.now() / 1000) - 10 })).expect(401);

    expect(response.body).toMatchObject({ code: 401, msg: 'Token expired', data: { reason: 'expired_token' } });
  });

  it('returns 401 for a token signed with another secret', async () => {
    const response = await withToken(hs256({ sub: adminId, exp: inOneHour() }, `${SECRET}-other`)).expect(401);

    expect(response.body).toMatchObject({ code: 401, msg: 'Invalid token', data: { reason: 'invalid_token' } });
  });

  it('returns 401 for an unsigned token (alg: none)', async () => {
    const response = await withToken(unsignedToken({ sub: adminId, exp: inOneHour() })).expect(401);

    expect(response.body.data.reason).toBe('invalid_token');
  });

  it('returns 401 for a token without exp', async () => {
    const response = await withToken(hs256({ sub: adminId })).expect(401);

    expect(response.body.data.reason).toBe('invalid_token');
  });

  it('returns 401 for a token whose sub is not an account', async () => {
    await withToken(hs256({ sub: randomUUID(), exp: inOneHour() })).expect(401);
    await withToken(hs256({ sub: "' OR 1=1 --", exp: inOneHour() })).expect(401);
  });

  it('returns 401 for a malformed Authorization header', async () => {
    await t.http.get(STATS).set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
    await t.http.get(STATS).set('Authorization', 'Bearer').expect(401);
    await t.http.get(STATS).set('Authorization', 'Bearer not.a.jwt').expect(401);
  });

  it('returns 403 for a valid token of a non-admin account', async () => {
    const proId = await createAccount(t.db, { plan: 'pro' });

    const response = await withToken(hs256({ sub: proId, exp: inOneHour() })).expect(403);

    expect(response.body).toMatchObject({ code: 403, msg: 'Admin plan required' });
  });

  it('reads the plan from the account, not the token, so a downgrade is honoured on the next request', async () => {
    const accountId = await createAccount(t.db, { plan: 'admin' });
    const token = hs256({ sub: accountId, exp: inOneHour(), plan: 'admin' });
    await withToken(token).expect(200);

    await t.db.query(`UPDATE accounts SET plan = 'starter' WHERE id = $1`, [accountId]);

    await withToken(token).expect(403);
  });

  it('answers concurrent requests of different accounts each with its own identity', async () => {
    // Pro, not free: free's 5 requests a minute would turn most of the usage reads into 429s.
    const proId = await createAccount(t.db, { plan: 'pro' });
    const adminToken = hs256({ sub: adminId, exp: inOneHour() });
    const proToken = hs256({ sub: proId, exp: inOneHour() });
    const callers = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 'admin' : 'pro'));

    const answers = await Promise.all(
      callers.map(async (caller) => {
        const token = caller === 'admin' ? adminToken : proToken;
        const [stats, usage] = await Promise.all([
          withToken(token),
          t.http.get('/api/v1/account/usage').set('Authorization', `Bearer ${token}`),
        ]);
        return { caller, stats: stats.status, usageAccount: usage.body.data?.account_id, usageStatus: usage.status };
      }),
    );

    for (const answer of answers) {
      expect(answer).toEqual({
        caller: answer.caller,
        stats: answer.caller === 'admin' ? 200 : 403,
        usageStatus: 200,
        usageAccount: answer.caller === 'admin' ? adminId : proId,
      });
    }
  });
});

describe('GET /api/v1/admin/referrals/stats with an RS256 admin JWT, issuer and audience', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const ISSUER = 'https://console.crawlora.test';
  const AUDIENCE = 'crawlora-admin-api';
  let t: TestApp;
  let adminId: string;

  beforeAll(async () => {
    t = await createTestApp({ JWT_PUBLIC_KEY: publicPem, JWT_ALGORITHMS: 'RS256', JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
    adminId = await createAccount(t.db, { plan: 'admin' });
  });

  afterAll(() => t.close());

  const withToken = (token: string) => t.http.get(STATS).set('Authorization', `Bearer ${token}`);
  const rs256 = (claims: object) => sign(claims, privateKey, { algorithm: 'RS256' });

  it('returns 200 for a valid token from the configured issuer for this audience', async () => {
    await withToken(rs256({ sub: adminId, exp: inOneHour(), iss: ISSUER, aud: AUDIENCE })).expect(200);
  });

  it('returns 401 for a wrong issuer or a wrong audience', async () => {
    await withToken(rs256({ sub: adminId, exp: inOneHour(), iss: 'https://evil.test', aud: AUDIENCE })).expect(401);
    await withToken(rs256({ sub: adminId, exp: inOneHour(), iss: ISSUER, aud: 'other-api' })).expect(401);
    await withToken(rs256({ sub: adminId, exp: inOneHour() })).expect(401);
  });

  it('returns 401 for an HS256 token signed with the public key (algorithm confusion)', async () => {
    const claims = { sub: adminId, exp: inOneHour(), iss: ISSUER, aud: AUDIENCE };
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
    const forged = `${unsigned}.${createHmac('sha256', publicPem).update(unsigned).digest('base64url')}`;

    const response = await withToken(forged).expect(401);

    expect(response.body.data.reason).toBe('invalid_token');
  });

  it('returns 401 for an unsigned token (alg: none)', async () => {
    await withToken(unsignedToken({ sub: adminId, exp: inOneHour(), iss: ISSUER, aud: AUDIENCE })).expect(401);
  });
});
