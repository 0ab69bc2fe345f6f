import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

const STATS = '/api/v1/admin/referrals/stats';

describe('security headers', () => {
  let t: TestApp;
  let adminKey: string;

  beforeAll(async () => {
    t = await createTestApp();
    adminKey = (await createAccountWithKey(t.app, 'admin')).apiKey;
  });

  afterAll(() => t.close());

  it.each([
    ['a 200', () => t.http.get(STATS).set('x-api-key', adminKey), 200],
    ['a 401', () => t.http.get(STATS), 401],
    ['a 404', () => t.http.get('/api/v1/nothing'), 404],
    ['a 400', () => t.http.get(`${STATS}?from=x`).set('x-api-key', adminKey), 400],
  ])('are on %s', async (_name, send, status) => {
    const response = await send().expect(status);

    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'none'"),
    });
  });

  it('let Swagger UI load its own scripts, and keep the console page its own policy', async () => {
    const docs = await t.http.get('/docs').redirects(1).expect(200);
    const console = await t.http.get('/console/').expect(200);

    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect(console.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(console.headers['x-frame-options']).toBe('DENY');
  });

  it('allow no cross-origin browser calls by default', async () => {
    const preflight = await t.http
      .options(STATS)
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'x-api-key');

    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS with an allow-list', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: 'https://console.example.com' });
  });

  afterAll(() => t.close());

  it('answers listed origins only, and exposes the request id, limit and credit headers', async () => {
    const allowed = await t.http.get('/health').set('Origin', 'https://console.example.com').expect(200);
    const other = await t.http.get('/health').set('Origin', 'https://evil.example').expect(200);

    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example.com');
    expect(allowed.headers['access-control-expose-headers']).toContain('x-credits-charged');
    expect(allowed.headers['access-control-expose-headers']).toContain('ratelimit');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
