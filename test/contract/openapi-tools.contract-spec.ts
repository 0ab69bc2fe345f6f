import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { generateClientTypes } from '../support/openapi-client-types';
import { OpenApiResponseValidator } from '../support/openapi-response-validator';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The document as integrators use it, with the tools they use, against the built service on a real database:
 * Redocly CLI lint (recommended rules), openapi-typescript + `tsc --strict`, and every operation's main statuses
 * through a Prism 5 proxy with `--errors` (a response that does not match its schema becomes Prism's 500).
 * Ports from the environment or issue 13's range (service 3131, Prism 4131/4132).
 */
const ROOT = resolve(__dirname, '../..');
const OUT = join(ROOT, 'dist', 'openapi');
const SERVICE_PORT = Number(process.env.CONTRACT_SERVICE_PORT ?? 3131);
const PRISM_PORT = Number(process.env.CONTRACT_PRISM_PORT ?? 4131);
const CONTROL_PORT = PRISM_PORT + 1;
const SERVICE = `http://127.0.0.1:${SERVICE_PORT}`;
const execFileAsync = promisify(execFile);

type Json = Record<string, any>;

interface Exchange {
  label: string;
  operation: string;
  expected: number;
  status: number;
  violations: Json[];
}

async function waitFor(url: string, what: string, child: ChildProcess, output: () => string, status = 200): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}):\n${output()}`);
    if (await fetch(url).then((r) => r.status === status, () => false)) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${what} did not answer ${url} within 90 s:\n${output()}`);
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((done) => setTimeout(done, 15_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function cli(database: TestDatabase, ...argv: string[]): Promise<Json> {
  const { stdout } = await execFileAsync(process.execPath, ['dist/src/cli/main.js', ...argv], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.url },
  });
  return JSON.parse(stdout);
}

describe('the OpenAPI document with Redocly, openapi-typescript + tsc --strict, and a Prism proxy', () => {
  let database: TestDatabase;
  let service: ReturnType<typeof start>;
  let document: Json;
  const prisms: Array<ReturnType<typeof start>> = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    service = start(process.execPath, ['dist/src/main.js'], {
      PORT: String(SERVICE_PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      DEMO_SEED: 'false',
      LOG_LEVEL: 'error',
      LOG_FORMAT: 'json',
      // Every request reads its key from the database, so the outage below reaches every protected route.
      API_KEY_CACHE_TTL_MS: '0',
      AUTH_FAILURES_PER_MINUTE: '5',
      // Webhook targets on loopback are refused unless allowed; nothing listens there, deliveries just fail.
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    });
    await waitFor(`${SERVICE}/health/ready`, 'the service', service.child, service.output);
    document = (await (await fetch(`${SERVICE}/docs-json`)).json()) as Json;
    mkdirSync(join(OUT, 'client'), { recursive: true });
    writeFileSync(join(OUT, 'openapi.json'), JSON.stringify(document, null, 2));
  }, 120_000);

  afterAll(async () => {
    for (const prism of prisms) await stop(prism.child);
    await stop(service?.child);
    await database?.drop();
  }, 60_000);

  it('passes Redocly CLI lint (recommended rules) with 0 errors', async () => {
    const result = await execFileAsync(join(ROOT, 'node_modules/.bin/redocly'), ['lint', join(OUT, 'openapi.json'), '--format=stylish'], {
      cwd: ROOT,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, text: stdout + stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, text: error.stdout + error.stderr }),
    );
    const report = result.text.split('\n').filter((line) => !/[║╔╚]/.test(line)).join('\n').trim();
    console.log(`redocly lint (recommended):\n${report}`);

    expect(report).toMatch(/Woohoo! Your API description is valid/);
    expect(result.code).toBe(0);
  }, 120_000);

  it('generates a client with openapi-typescript that compiles under tsc --strict, error fields typed', async () => {
    writeFileSync(join(OUT, 'client', 'crawlora-api.d.ts'), generateClientTypes(document));
    copyFileSync(join(ROOT, 'test/client/integrator-example.ts'), join(OUT, 'client', 'integrator-example.ts'));
    const args = ['--ignoreConfig', '--strict', '--noEmit', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler',
      '--lib', 'es2022,dom', '--types', 'node', join(OUT, 'client', 'integrator-example.ts')];
    const result = await execFileAsync(process.execPath, [require.resolve('typescript/bin/tsc'), ...args], { cwd: ROOT }).then(
      ({ stdout }) => ({ code: 0, text: stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, text: error.stdout }),
    );
    console.log(`tsc --strict on the generated client: exit ${result.code}\n${result.text}`);

    expect(result.text).toBe('');
    expect(result.code).toBe(0);
  }, 180_000);

  describe('through a Prism proxy with --errors', () => {
    let admin: { id: string; key: string; code: string };
    let free: { id: string; key: string };
    const exchanges: Exchange[] = [];

    /** Sends one request through `base` and records the status and Prism's verdict. */
    async function send(base: string, label: string, operation: string, expected: number, path: string, init: RequestInit = {}) {
      const response = await fetch(`${base}${path}`, { redirect: 'manual', ...init });
      const text = await response.text();
      let violations: Json[] = [];
      const header = response.headers.get('sl-violations');
      if (header) violations = (JSON.parse(header) as Json[]).filter((v) => v.location?.[0] === 'response');
      if (response.status === 500 && text.includes('prism/errors#VIOLATIONS')) violations = JSON.parse(text).validation;
      const exchange = { label, operation, expected, status: response.status, violations };
      if (base.endsWith(String(PRISM_PORT))) exchanges.push(exchange);
      return exchange;
    }

    const json = (key: string | undefined, body: unknown, extra: Record<string, string> = {}): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}), ...extra },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const as = (key: string): RequestInit => ({ headers: { 'x-api-key': key } });

    beforeAll(async () => {
      const adminAccount = await cli(database, 'accounts:create', '--email', 'admin@example.com', '--plan', 'admin');
      const freeAccount = await cli(database, 'accounts:create', '--email', 'free@example.com', '--plan', 'free');
      const db = new Client({ connectionString: database.url });
      await db.connect();
      const [{ referral_code }] = (await db.query('SELECT referral_code FROM accounts WHERE id = $1', [adminAccount.id])).rows;
      await db.end();
      admin = { id: adminAccount.id, key: (await cli(database, 'keys:create', '--account', adminAccount.id)).key, code: referral_code };
      free = { id: freeAccount.id, key: (await cli(database, 'keys:create', '--account', freeAccount.id)).key };

      const prism = join(ROOT, 'node_modules/.bin/prism');
      const proxy = (file: string, port: number) =>
        start(prism, ['proxy', file, SERVICE, '--errors', '--validate-request', 'false', '-h', '127.0.0.1', '-p', String(port)]);
      // The control: the same document with the envelope's `code` declared a string, so every JSON answer breaks
      // it. If Prism reports each one, it is really validating (a schema it fails to compile validates nothing).
      const broken = structuredClone(document);
      broken.components.schemas['app.Response'].properties.code = { type: 'string' };
      writeFileSync(join(OUT, 'openapi.control.json'), JSON.stringify(broken));
      prisms.push(proxy(join(OUT, 'openapi.json'), PRISM_PORT), proxy(join(OUT, 'openapi.control.json'), CONTROL_PORT));
      await Promise.all([
        waitFor(`http://127.0.0.1:${PRISM_PORT}/health`, 'Prism', prisms[0].child, prisms[0].output),
        // Ready when it answers; it answers 500 to everything, by design.
        waitFor(`http://127.0.0.1:${CONTROL_PORT}/health`, 'Prism (control)', prisms[1].child, prisms[1].output, 500),
      ]);
    }, 180_000);

    /** Idempotent requests of every GET operation, for the control run as well. */
    const reads = () => [
      ['liveness', 'GET /health', 200, '/health', {}],
      ['readiness', 'GET /health/ready', 200, '/health/ready', {}],
      ['plans', 'GET /api/v1/plans', 200, '/api/v1/plans', {}],
      ['own usage', 'GET /api/v1/account/usage', 200, '/api/v1/account/usage', as(admin.key)],
      ['usage as admin', 'GET /api/v1/admin/accounts/{id}/usage', 200, `/api/v1/admin/accounts/${free.id}/usage`, as(admin.key)],
      ['own referral', 'GET /api/v1/account/referral', 200, '/api/v1/account/referral', as(admin.key)],
      ['stats', 'GET /api/v1/admin/referrals/stats', 200, '/api/v1/admin/referrals/stats', as(admin.key)],
      ['timeseries', 'GET /api/v1/admin/referrals/stats/timeseries', 200, '/api/v1/admin/referrals/stats/timeseries?interval=day', as(admin.key)],
      ['campaigns', 'GET /api/v1/admin/referrals/stats/campaigns', 200, '/api/v1/admin/referrals/stats/campaigns', as(admin.key)],
      ['list', 'GET /api/v1/admin/referrals', 200, '/api/v1/admin/referrals?limit=1', as(admin.key)],
    ] as const;

    it('answers every operation and its main statuses with 0 response violations', async () => {
      const prism = `http://127.0.0.1:${PRISM_PORT}`;
      for (const [label, operation, expected, path, init] of reads()) await send(prism, label, operation, expected, path, init);

      const unknown = 'bogus_parameter=1';
      await send(prism, 'unknown parameter', 'GET /health', 400, `/health?${unknown}`);
      await send(prism, 'unknown parameter', 'GET /health/ready', 400, `/health/ready?${unknown}`);
      await send(prism, 'unknown parameter', 'GET /api/v1/plans', 400, `/api/v1/plans?${unknown}`);
      await send(prism, 'unknown parameter', 'GET /api/v1/account/usage', 400, '/api/v1/account/usage?period=2026-11', as(admin.key));
      await send(prism, 'bad key', 'GET /api/v1/account/usage', 401, '/api/v1/account/usage', as('crw_live_not_a_key'));
      await send(prism, 'malformed id', 'GET /api/v1/admin/accounts/{id}/usage', 400, '/api/v1/admin/accounts/nope/usage', as(admin.key));
      await send(prism, 'unknown account', 'GET /api/v1/admin/accounts/{id}/usage', 404, `/api/v1/admin/accounts/${randomUUID()}/usage`, as(admin.key));
      await send(prism, 'free plan', 'GET /api/v1/admin/accounts/{id}/usage', 403, `/api/v1/admin/accounts/${free.id}/usage`, as(free.key));
      await send(prism, 'unknown parameter', 'GET /api/v1/account/referral', 400, `/api/v1/account/referral?${unknown}`, as(admin.key));
      await send(prism, 'date-only bound', 'GET /api/v1/admin/referrals/stats', 400, '/api/v1/admin/referrals/stats?from=2026-01-01', as(admin.key));
      await send(prism, 'free plan', 'GET /api/v1/admin/referrals/stats', 403, '/api/v1/admin/referrals/stats', as(free.key));
      await send(prism, 'bad interval', 'GET /api/v1/admin/referrals/stats/timeseries', 400, '/api/v1/admin/referrals/stats/timeseries?interval=year', as(admin.key));
      await send(prism, 'bad sort', 'GET /api/v1/admin/referrals/stats/campaigns', 400, '/api/v1/admin/referrals/stats/campaigns?sort=x', as(admin.key));

      const signups = '/api/v1/referrals/signups';
      const key = randomUUID();
      const first = { email: 'new.user@example.org', referral_code: admin.code, signup_ip: '203.0.113.7' };
      await send(prism, 'referred signup', `POST ${signups}`, 201, signups, json(admin.key, first, { 'Idempotency-Key': key }));
      await send(prism, 'key reused, other body', `POST ${signups}`, 422, signups, json(admin.key, { email: 'other@example.org' }, { 'Idempotency-Key': key }));
      await send(prism, 'same email', `POST ${signups}`, 409, signups, json(admin.key, { email: 'NEW.user@example.org' }));
      await send(prism, 'bad email', `POST ${signups}`, 400, signups, json(admin.key, { email: 'nope' }));
      await send(prism, 'text body', `POST ${signups}`, 415, signups, { ...json(admin.key, 'x'), headers: { 'content-type': 'text/plain', 'x-api-key': admin.key } });
      await send(prism, 'huge body', `POST ${signups}`, 413, signups, json(admin.key, { email: `${'a'.repeat(70_000)}@example.org` }));
      const held = { email: 'held@mailinator.com', referral_code: admin.code, signup_ip: '203.0.113.8' };
      await send(prism, 'signup held for review', `POST ${signups}`, 201, signups, json(admin.key, held));
      const other = { email: 'third@example.org', referral_code: admin.code, signup_ip: '203.0.113.9' };
      await send(prism, 'signup to reject', `POST ${signups}`, 201, signups, json(admin.key, other));

      const list = (await (await fetch(`${SERVICE}/api/v1/admin/referrals?limit=100`, as(admin.key))).json()) as Json;
      const byEmailOrder = list.data.items as Json[];
      const [toReject, toApprove, toQualify] = byEmailOrder;
      expect(toApprove.status).toBe('review_required');
      const page = (await (await fetch(`${SERVICE}/api/v1/admin/referrals?limit=1`, as(admin.key))).json()) as Json;
      await send(prism, 'second page', 'GET /api/v1/admin/referrals', 200, `/api/v1/admin/referrals?limit=1&cursor=${encodeURIComponent(page.data.next_cursor)}`, as(admin.key));
      await send(prism, 'bad status', 'GET /api/v1/admin/referrals', 400, '/api/v1/admin/referrals?status=bogus', as(admin.key));
      await send(prism, 'with history', 'GET /api/v1/admin/referrals/{id}', 200, `/api/v1/admin/referrals/${toApprove.id}`, as(admin.key));
      await send(prism, 'unknown referral', 'GET /api/v1/admin/referrals/{id}', 404, `/api/v1/admin/referrals/${randomUUID()}`, as(admin.key));
      const action = (id: string, verb: string) => `/api/v1/admin/referrals/${id}/${verb}`;
      await send(prism, 'approve', 'POST /api/v1/admin/referrals/{id}/approve', 200, action(toApprove.id, 'approve'), json(admin.key, {}));
      await send(prism, 'approve twice', 'POST /api/v1/admin/referrals/{id}/approve', 409, action(toApprove.id, 'approve'), json(admin.key, {}));
      await send(prism, 'unknown referral', 'POST /api/v1/admin/referrals/{id}/approve', 404, action(randomUUID(), 'approve'), json(admin.key, {}));
      await send(prism, 'no reason', 'POST /api/v1/admin/referrals/{id}/reject', 400, action(toReject.id, 'reject'), json(admin.key, {}));
      await send(prism, 'reject', 'POST /api/v1/admin/referrals/{id}/reject', 200, action(toReject.id, 'reject'), json(admin.key, { reason: 'duplicate' }));
      await send(prism, 'reject twice', 'POST /api/v1/admin/referrals/{id}/reject', 409, action(toReject.id, 'reject'), json(admin.key, { reason: 'again' }));
      await send(prism, 'qualify', 'POST /api/v1/admin/referrals/{id}/qualify', 200, action(toQualify.id, 'qualify'), json(admin.key, {}));
      await send(prism, 'qualify rejected', 'POST /api/v1/admin/referrals/{id}/qualify', 409, action(toReject.id, 'qualify'), json(admin.key, {}));
      await send(prism, 'with history', 'GET /api/v1/admin/referrals/{id}', 200, `/api/v1/admin/referrals/${toQualify.id}`, as(admin.key));
      await send(prism, 'foreign redirect', 'GET /r/{code}', 400, `/r/${admin.code}?to=https://evil.example/`);

      // API keys: an admin manages any account's, every account its own.
      const adminKeys = `/api/v1/admin/accounts/${free.id}/keys`;
      await send(prism, 'create for an account', `POST /api/v1/admin/accounts/{id}/keys`, 201, adminKeys, json(admin.key, { name: 'ci' }));
      await send(prism, 'bad expiry', `POST /api/v1/admin/accounts/{id}/keys`, 400, adminKeys, json(admin.key, { expires_at: 'tomorrow' }));
      await send(prism, 'unknown account', `POST /api/v1/admin/accounts/{id}/keys`, 404, `/api/v1/admin/accounts/${randomUUID()}/keys`, json(admin.key, {}));
      await send(prism, 'list an account\'s', 'GET /api/v1/admin/accounts/{id}/keys', 200, adminKeys, as(admin.key));
      await send(prism, 'unknown account', 'GET /api/v1/admin/accounts/{id}/keys', 404, `/api/v1/admin/accounts/${randomUUID()}/keys`, as(admin.key));
      const keys = (await (await fetch(`${SERVICE}${adminKeys}`, as(admin.key))).json()) as Json;
      const ciKey = (keys.data.items as Json[]).find((k) => k.name === 'ci')!;
      await send(prism, 'rotate', 'POST /api/v1/admin/keys/{id}/rotate', 201, `/api/v1/admin/keys/${ciKey.id}/rotate`, json(admin.key, { overlap_seconds: 0 }));
      await send(prism, 'rotate twice', 'POST /api/v1/admin/keys/{id}/rotate', 409, `/api/v1/admin/keys/${ciKey.id}/rotate`, json(admin.key, {}));
      await send(prism, 'revoke', 'DELETE /api/v1/admin/keys/{id}', 200, `/api/v1/admin/keys/${ciKey.id}`, { method: 'DELETE', ...as(admin.key) });
      await send(prism, 'unknown key', 'DELETE /api/v1/admin/keys/{id}', 404, `/api/v1/admin/keys/${randomUUID()}`, { method: 'DELETE', ...as(admin.key) });
      await send(prism, 'audit', 'GET /api/v1/admin/keys/audit', 200, `/api/v1/admin/keys/audit?account_id=${free.id}`, as(admin.key));
      await send(prism, 'bad account id', 'GET /api/v1/admin/keys/audit', 400, '/api/v1/admin/keys/audit?account_id=x', as(admin.key));
      await send(prism, 'create own', 'POST /api/v1/account/keys', 201, '/api/v1/account/keys', json(admin.key, { name: 'own' }));
      await send(prism, 'list own', 'GET /api/v1/account/keys', 200, '/api/v1/account/keys', as(admin.key));
      const mine = (await (await fetch(`${SERVICE}/api/v1/account/keys`, as(admin.key))).json()) as Json;
      const ownKey = (mine.data.items as Json[]).find((k) => k.name === 'own')!;
      await send(prism, 'rotate own', 'POST /api/v1/account/keys/{id}/rotate', 201, `/api/v1/account/keys/${ownKey.id}/rotate`, json(admin.key, {}));
      await send(prism, 'revoke own', 'DELETE /api/v1/account/keys/{id}', 200, `/api/v1/account/keys/${ownKey.id}`, { method: 'DELETE', ...as(admin.key) });
      await send(prism, 'another account\'s key', 'DELETE /api/v1/account/keys/{id}', 404, `/api/v1/account/keys/${ciKey.id}`, { method: 'DELETE', ...as(admin.key) });
      await send(prism, 'own audit', 'GET /api/v1/account/keys/audit', 200, '/api/v1/account/keys/audit', as(admin.key));

      // Webhooks (admin) and usage history.
      const hooks = '/api/v1/admin/webhooks';
      const target = { url: `http://127.0.0.1:${CONTROL_PORT + 1}/hooks`, events: ['referral.signed_up'] };
      await send(prism, 'register', `POST ${hooks}`, 201, hooks, json(admin.key, target));
      await send(prism, 'private target', `POST ${hooks}`, 400, hooks, json(admin.key, { ...target, url: 'http://10.1.2.3/hooks' }));
      await send(prism, 'unknown event', `POST ${hooks}`, 400, hooks, json(admin.key, { ...target, events: ['referral.exploded'] }));
      await send(prism, 'list', `GET ${hooks}`, 200, hooks, as(admin.key));
      const registered = (await (await fetch(`${SERVICE}${hooks}`, as(admin.key))).json()) as Json;
      const hook = (registered.data.items ?? registered.data.webhooks ?? registered.data)[0] as Json;
      await send(prism, 'send a test event', `POST ${hooks}/{id}/test`, 202, `${hooks}/${hook.id}/test`, json(admin.key, {}));
      await send(prism, 'deliveries', `GET ${hooks}/{id}/deliveries`, 200, `${hooks}/${hook.id}/deliveries`, as(admin.key));
      await send(prism, 'bad limit', `GET ${hooks}/{id}/deliveries`, 400, `${hooks}/${hook.id}/deliveries?limit=0`, as(admin.key));
      const deliveries = (await (await fetch(`${SERVICE}${hooks}/${hook.id}/deliveries`, as(admin.key))).json()) as Json;
      const delivery = (deliveries.data.items as Json[])[0];
      // 202, or 409 while the worker is sending it right now: either must match the document.
      await send(prism, 'redeliver', `POST ${hooks}/{id}/deliveries/{deliveryId}/redeliver`, -1, `${hooks}/${hook.id}/deliveries/${delivery.id}/redeliver`, json(admin.key, {}));
      await send(prism, 'unknown delivery', `POST ${hooks}/{id}/deliveries/{deliveryId}/redeliver`, 404, `${hooks}/${hook.id}/deliveries/${randomUUID()}/redeliver`, json(admin.key, {}));
      await send(prism, 'rotate secret', `POST ${hooks}/{id}/rotate-secret`, 200, `${hooks}/${hook.id}/rotate-secret`, json(admin.key, {}));
      await send(prism, 'delete', `DELETE ${hooks}/{id}`, 200, `${hooks}/${hook.id}`, { method: 'DELETE', ...as(admin.key) });
      await send(prism, 'unknown webhook', `DELETE ${hooks}/{id}`, 404, `${hooks}/${randomUUID()}`, { method: 'DELETE', ...as(admin.key) });
      await send(prism, 'daily usage', 'GET /api/v1/account/usage/daily', 200, '/api/v1/account/usage/daily', as(admin.key));
      await send(prism, 'daily usage as CSV', 'GET /api/v1/account/usage/daily', 200, '/api/v1/account/usage/daily?format=csv', as(admin.key));
      await send(prism, 'bad format', 'GET /api/v1/account/usage/daily', 400, '/api/v1/account/usage/daily?format=xml', as(admin.key));
      await send(prism, 'daily usage as admin', 'GET /api/v1/admin/accounts/{id}/usage/daily', 200, `/api/v1/admin/accounts/${free.id}/usage/daily`, as(admin.key));
      await send(prism, 'top consumers', 'GET /api/v1/admin/usage/top', 200, '/api/v1/admin/usage/top', as(admin.key));
      await send(prism, 'bad limit', 'GET /api/v1/admin/usage/top', 400, '/api/v1/admin/usage/top?limit=0', as(admin.key));

      // The free plan admits 5 requests a minute (one used above as a 403 does not count: refused before).
      let limited: Exchange | undefined;
      for (let i = 0; i < 8 && limited?.status !== 429; i += 1) {
        limited = await send(prism, 'rate limited', 'GET /api/v1/account/usage', i < 7 ? -1 : 429, '/api/v1/account/usage', as(free.key));
      }
      limited!.expected = 429;

      // The database goes away: every database-backed route answers 503.
      const db = new Client({ connectionString: database.url.replace(`/${database.name}`, '/postgres') });
      await db.connect();
      await db.query(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS false`);
      await db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database.name]);
      try {
        await send(prism, 'database down', 'GET /health/ready', 503, '/health/ready');
        await send(prism, 'database down', 'GET /api/v1/account/usage', 503, '/api/v1/account/usage', as(admin.key));
        await send(prism, 'database down', 'GET /api/v1/admin/referrals/stats', 503, '/api/v1/admin/referrals/stats', as(admin.key));
        await send(prism, 'database down', 'GET /r/{code}', 503, `/r/${admin.code}`);
      } finally {
        await db.query(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`);
        await db.end();
      }
      // Malformed keys fail without the database; past AUTH_FAILURES_PER_MINUTE (5) the IP gets 429.
      let throttled: Exchange | undefined;
      for (let i = 0; i < 8 && throttled?.status !== 429; i += 1) {
        throttled = await send(prism, 'too many failures', 'GET /api/v1/account/usage', -1, '/api/v1/account/usage', as('crw_live_x'));
      }
      throttled!.expected = 429;

      const table = exchanges.map((e) => `${String(e.status).padEnd(4)} ${e.operation.padEnd(48)} ${e.label}${e.violations.length ? `  VIOLATIONS ${JSON.stringify(e.violations)}` : ''}`);
      const operations = new Set(exchanges.map((e) => e.operation));
      console.log(`Prism proxy --errors: ${exchanges.length} requests over ${operations.size} operations, ` +
        `${exchanges.reduce((n, e) => n + e.violations.length, 0)} response violations\n${table.join('\n')}`);

      expect(exchanges.flatMap((e) => e.violations.map((v) => `${e.operation} ${e.status} (${e.label}): ${v.location.join('.')} ${v.message}`))).toEqual([]);
      const unexpected = exchanges.filter((e) => e.expected !== -1 && e.status !== e.expected);
      expect(unexpected.map((e) => `${e.operation} ${e.label}: expected ${e.expected}, got ${e.status}`)).toEqual([]);
      // Every operation of the document is exercised (GET /r/{code}'s 302 is checked directly, below).
      const documented = Object.entries<Json>(document.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
      expect(documented.filter((operation) => !operations.has(operation))).toEqual([]);
    }, 300_000);

    it('answers the 302 of GET /r/{code} as declared (Prism follows redirects, so it is checked here)', async () => {
      const response = await fetch(`${SERVICE}/r/${admin.code}?utm_campaign=spring_launch`, {
        redirect: 'manual',
        headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36' },
      });
      const declared = document.paths['/r/{code}'].get.responses['302'];

      expect(response.status).toBe(302);
      expect(await response.text()).toBe('');
      expect(Object.keys(declared.headers)).toEqual(['Location', 'Set-Cookie']);
      expect(response.headers.get('location')).toBe(`http://localhost:${SERVICE_PORT}/docs`);
      expect(response.headers.get('set-cookie')).toMatch(/^crw_ref=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
      expect(() =>
        OpenApiResponseValidator.for(document).check('GET', `/r/${admin.code}`, {
          status: 302,
          headers: Object.fromEntries(response.headers),
          body: undefined,
        }),
      ).not.toThrow();
    });

    it('is really validating: the control proxy, whose envelope says `code` is a string, reports every JSON answer', async () => {
      const control = `http://127.0.0.1:${CONTROL_PORT}`;
      const verdicts: string[] = [];
      for (const [label, operation, , path, init] of reads()) {
        const exchange = await send(control, label, operation, 200, path, init);
        verdicts.push(`${operation}: ${exchange.violations.length > 0 ? 'violation reported' : `passed (${exchange.status})`}`);
      }

      expect(verdicts.filter((verdict) => !verdict.endsWith('violation reported'))).toEqual([]);
    }, 120_000);
  });
});
