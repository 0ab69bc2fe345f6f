import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

const STATS = '/api/v1/admin/referrals/stats';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('response envelope and request ids', () => {
  let t: TestApp;
  let adminKey: string;

  beforeAll(async () => {
    t = await createTestApp();
    adminKey = (await createAccountWithKey(t.app, 'admin')).apiKey;
  });

  const get = (path: string) => t.http.get(path).set('x-api-key', adminKey);

  afterAll(() => t.close());

  it('sends a new X-Request-Id on a success', async () => {
    const response = await get(STATS).expect(200);

    expect(response.headers['x-request-id']).toMatch(UUID);
  });

  it("keeps a caller's well-formed X-Request-Id, on successes and errors alike", async () => {
    const ok = await get(STATS).set('X-Request-Id', 'console-7f3a.42:retry-1').expect(200);
    const bad = await get(`${STATS}?from=x`).set('X-Request-Id', 'console-7f3a.43').expect(400);

    expect(ok.headers['x-request-id']).toBe('console-7f3a.42:retry-1');
    expect(bad.headers['x-request-id']).toBe('console-7f3a.43');
    expect(bad.body.data.request_id).toBe('console-7f3a.43');
  });

  it('replaces a malformed or oversized X-Request-Id with its own', async () => {
    const injected = await get(STATS).set('X-Request-Id', 'abc\tdef<script>').expect(200);
    const huge = await get(STATS).set('X-Request-Id', 'a'.repeat(129)).expect(200);

    expect(injected.headers['x-request-id']).toMatch(UUID);
    expect(huge.headers['x-request-id']).toMatch(UUID);
  });

  it('answers an unknown route with a 404 envelope', async () => {
    const response = await t.http.get('/api/v1/admin/nothing-here').expect(404);

    expect(response.body).toEqual({
      code: 404,
      msg: expect.any(String),
      data: { request_id: response.headers['x-request-id'] },
    });
  });

  it('answers a malformed JSON body with a 400 envelope', async () => {
    const response = await t.http
      .post(STATS)
      .set('Content-Type', 'application/json')
      .send('{"unterminated": ')
      .expect((res) => expect([400, 404]).toContain(res.status));

    expect(response.body).toMatchObject({ code: response.status, data: { request_id: expect.any(String) } });
  });

  it('answers a crash with a 500 envelope that reveals nothing of the cause', async () => {
    const broken = await createTestApp();
    try {
      // A real failure inside the query: the table the stats read from is gone.
      const { apiKey } = await createAccountWithKey(broken.app, 'admin');
      await broken.db.query('DROP TABLE referral_clicks CASCADE');

      const response = await broken.http.get(STATS).set('x-api-key', apiKey).expect(500);

      expect(response.body).toEqual({
        code: 500,
        msg: 'Internal server error',
        data: { request_id: response.headers['x-request-id'] },
      });
      expect(response.text).not.toMatch(/referral_clicks|relation|stack|at \w+/i);
    } finally {
      await broken.close();
    }
  });
});

describe('health probes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t.close());

  it('GET /health answers 200 while the process is up', async () => {
    const response = await t.http.get('/health').expect(200);

    expect(response.body).toEqual({ code: 200, msg: 'ok', data: { status: 'ok' } });
  });

  it('GET /health/ready answers 200 when the database answers', async () => {
    const response = await t.http.get('/health/ready').expect(200);

    expect(response.body.data).toEqual({ status: 'ok', database: 'ok', replicas: [] });
  });
});
