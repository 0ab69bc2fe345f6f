import { DomainException } from '../../src/common/errors/domain.exception';
import { parseTtlSeconds, runCommand, UsageError } from '../../src/cli/commands';
import { createTestApp, TestApp } from '../support/test-app';

const STATS = '/api/v1/admin/referrals/stats';

describe('operator CLI (npm run cli)', () => {
  let t: TestApp;
  const cli = (...argv: string[]) => runCommand(t.app, argv) as Promise<any>;

  beforeAll(async () => {
    t = await createTestApp({ JWT_SECRET: 'cli-test-secret-of-at-least-32-chars!!' });
  });

  afterAll(() => t.close());

  it('creates an admin account and a key that authenticates over HTTP, shown once', async () => {
    const account = await cli('accounts:create', '--email', 'ops@example.com', '--plan', 'admin');
    const created = await cli('keys:create', '--account', account.id, '--name', 'ops laptop');

    expect(account).toMatchObject({ email: 'ops@example.com', plan: 'admin', overage_enabled: false });
    expect(created).toMatchObject({ account_id: account.id, name: 'ops laptop', revoked_at: null });
    expect(created.key).toMatch(/^crw_live_/);
    await t.http.get(STATS).set('x-api-key', created.key).expect(200);

    const listed = await cli('keys:list', '--account', account.id);
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(listed[0].display_prefix).toBe(created.key.slice(0, 13));
  });

  it('revokes a key so that it no longer authenticates', async () => {
    const account = await cli('accounts:create', '--email', 'revoke@example.com', '--plan', 'admin');
    const created = await cli('keys:create', '--account', account.id);

    const revoked = await cli('keys:revoke', created.id);

    expect(revoked.revoked_at).not.toBeNull();
    const response = await t.http.get(STATS).set('x-api-key', created.key).expect(401);
    expect(response.body.msg).toBe('API key revoked');
  });

  it('rotates a key on the same service code as the HTTP routes, audited as a CLI change', async () => {
    const account = await cli('accounts:create', '--email', 'rotate@example.com', '--plan', 'admin');
    const created = await cli('keys:create', '--account', account.id, '--name', 'deploy');

    const rotated = await cli('keys:rotate', created.id, '--overlap', '0');

    expect(rotated).toMatchObject({ name: 'deploy', rotated_from_id: created.id, previous: { id: created.id, rotated_to_id: rotated.id } });
    expect((await t.http.get(STATS).set('x-api-key', created.key).expect(401)).body.data.reason).toBe('rotated_api_key');
    await t.http.get(STATS).set('x-api-key', rotated.key).expect(200);
    const audit = await t.http.get(`/api/v1/admin/keys/audit?account_id=${account.id}`).set('x-api-key', rotated.key).expect(200);
    expect(audit.body.data.items.map((event: { action: string }) => event.action)).toEqual(['created', 'rotated', 'created']);
    expect(audit.body.data.items[0].actor).toMatchObject({ kind: 'cli', account_id: null, ip: null, user_agent: 'crawlora-cli' });
  });

  it('changes a plan, honoured by the next JWT request', async () => {
    const account = await cli('accounts:create', '--email', 'plan@example.com', '--plan', 'admin', '--overage');
    const { token, expires_at } = await cli('jwt:mint', '--account', account.id, '--ttl', '10m');
    expect(new Date(expires_at).getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    await t.http.get(STATS).set('Authorization', `Bearer ${token}`).expect(200);

    const changed = await cli('accounts:set-plan', '--account', account.id, '--plan', 'growth');

    expect(changed).toMatchObject({ plan: 'growth', overage_enabled: true });
    await t.http.get(STATS).set('Authorization', `Bearer ${token}`).expect(403);
  });

  it('lists accounts', async () => {
    const accounts = await cli('accounts:list');

    expect(accounts.map((account: { email: string }) => account.email)).toEqual(
      expect.arrayContaining(['ops@example.com', 'revoke@example.com']),
    );
  });

  it('creates a key with an expiry', async () => {
    const account = await cli('accounts:create', '--email', 'expiry@example.com', '--plan', 'pro');

    const created = await cli('keys:create', '--account', account.id, '--expires', '2099-01-01T00:00:00Z');

    expect(created.expires_at).toBe('2099-01-01T00:00:00.000Z');
  });

  it.each([
    [['accounts:create', '--email', 'dup@example.com', '--plan', 'gold'], /Unknown plan "gold"/],
    [['keys:create', '--account', '00000000-0000-0000-0000-000000000000'], /No account/],
    [['keys:create', '--account', 'not-a-uuid'], /No account/],
    [['keys:revoke', '00000000-0000-0000-0000-000000000000'], /No API key/],
    [['keys:revoke', 'abc'], /No API key/],
    [['accounts:set-plan', '--account', 'abc', '--plan', 'pro'], /No account/],
  ])('refuses %p', async (argv, message) => {
    await expect(cli(...argv)).rejects.toBeInstanceOf(DomainException);
    await expect(cli(...argv)).rejects.toThrow(message);
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    await cli('accounts:create', '--email', 'Twice@Example.com', '--plan', 'free');

    await expect(cli('accounts:create', '--email', 'twice@example.com', '--plan', 'free')).rejects.toThrow(/already exists/);
  });

  it.each([
    [['teleport'], 'Unknown command "teleport"'],
    [[], 'No command given'],
    [['keys:create'], '--account is required'],
    [
      ['keys:create', '--account', '<id>', '--expires', 'tomorrow'],
      '--expires "tomorrow" is not an RFC 3339 date-time, such as 2027-01-01T00:00:00Z',
    ],
    [['jwt:mint', '--account', '<id>', '--ttl', 'forever'], '--ttl "forever": use a number with s, m, h or d, such as 1h'],
  ])('reports usage errors for %p', async (argv, message) => {
    // A real account, so the usage error is what fails (an unknown account would fail first, for another reason).
    const account = argv.includes('<id>') ? await cli('accounts:create', '--email', `usage-${argv[0].replace(':', '-')}@example.com`, '--plan', 'admin') : null;
    const failure = await cli(...argv.map((arg) => (arg === '<id>' ? account!.id : arg))).then(
      () => null,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(UsageError);
    expect((failure as Error).message).toBe(message);
  });

  it('parses TTLs', () => {
    expect(parseTtlSeconds('1h')).toBe(3600);
    expect(parseTtlSeconds('15m')).toBe(900);
    expect(parseTtlSeconds('90')).toBe(90);
    expect(() => parseTtlSeconds('31d')).toThrow(UsageError);
  });
});
