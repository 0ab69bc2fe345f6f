import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Instance, startInstance } from '../billing/support/instances';
import { createAccount, createAccountWithKey } from '../support/auth-fixtures';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const CACHE_TTL_MS = 1000;
const KEYS = '/api/v1/account/keys';
const adminKeysOf = (accountId: string) => `/api/v1/admin/accounts/${accountId}/keys`;

interface Reply {
  status: number;
  headers: Headers;
  body: { code: number; msg: string; data: any };
}

async function send(
  instance: Instance,
  method: string,
  path: string,
  apiKey: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const response = await fetch(`${instance.baseUrl}${path}`, {
    method,
    headers: {
      'x-api-key': apiKey,
      'user-agent': 'key-management-e2e/1.0',
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Reply['body'] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Polls until `key` answers 401 on `instance`; returns how long that took, or fails after `withinMs`. */
async function msUntilRefused(instance: Instance, key: string, since: number, withinMs: number): Promise<{ ms: number; reason: string }> {
  for (;;) {
    const reply = await send(instance, 'GET', KEYS, key);
    if (reply.status === 401) return { ms: Date.now() - since, reason: reply.body.data.reason };
    expect(reply.status).toBe(200);
    if (Date.now() - since > withinMs) throw new Error(`key still accepted ${Date.now() - since} ms after the change`);
    await sleep(50);
  }
}

/** Every row of every table in the public schema, as text: where a leaked secret would show. */
async function wholeDatabaseText(db: DataSource): Promise<string> {
  const tables: Array<{ table_name: string }> = await db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await db.query(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
    parts.push(...rows.map((row: { row: string }) => row.row));
  }
  return parts.join('\n');
}

describe('API key management over HTTP, on 2 instances', () => {
  let database: TestDatabase;
  let instances: Instance[];
  let admin: { accountId: string; apiKey: string };
  const issuedSecrets: string[] = [];
  const logged: string[] = [];
  const writes: Array<{ restore(): void }> = [];

  beforeAll(async () => {
    // Everything the instances log (verbose, JSON: the request log of every request included) is kept, to grep.
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        logged.push(String(chunk));
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      writes.push({ restore: () => (stream.write = original) });
    }
    database = await createTestDatabase();
    const env = { API_KEY_CACHE_TTL_MS: String(CACHE_TTL_MS), LOG_LEVEL: 'verbose', LOG_FORMAT: 'json', AUTH_FAILURES_PER_MINUTE: '10000' };
    instances = [await startInstance(database, env), await startInstance(database, env)];
    admin = await createAccountWithKey(instances[0].app, 'admin');
    issuedSecrets.push(admin.apiKey);
  });

  afterAll(async () => {
    for (const write of writes) write.restore();
    for (const instance of instances ?? []) await instance.close();
    await database?.drop();
  });

  it('create → use → rotate (both work in the overlap, only the new one after) → revoke (401 on both instances within the cache TTL)', async () => {
    const [a, b] = instances;
    const accountId = await createAccount(a.db, { plan: 'pro' });

    const created = await send(a, 'POST', adminKeysOf(accountId), admin.apiKey, {
      body: { name: 'crawler', expires_at: '2030-01-01T00:00:00Z' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-credits-charged')).toBeNull(); // not metered
    const first = created.body.data;
    issuedSecrets.push(first.key);
    expect(first).toMatchObject({
      account_id: accountId,
      name: 'crawler',
      status: 'active',
      expires_at: '2030-01-01T00:00:00.000Z',
      revoked_at: null,
      rotated_to_id: null,
      display_prefix: first.key.slice(0, 13),
    });
    expect(first.key).toMatch(/^crw_live_[0-9A-Za-z]{49}$/);

    // The account uses it, on both instances (which now hold it in their caches).
    for (const instance of instances) expect((await send(instance, 'GET', KEYS, first.key)).status).toBe(200);

    const overlapSeconds = 3;
    const rotated = await send(a, 'POST', `/api/v1/admin/keys/${first.id}/rotate`, admin.apiKey, {
      body: { overlap_seconds: overlapSeconds },
    });
    expect(rotated.status).toBe(201);
    const second = rotated.body.data;
    issuedSecrets.push(second.key);
    expect(second).toMatchObject({ account_id: accountId, name: 'crawler', rotated_from_id: first.id, status: 'active' });
    expect(second.previous).toMatchObject({ id: first.id, status: 'rotating', rotated_to_id: second.id });
    const overlapEndsAt = Date.parse(second.previous.rotation_ends_at);
    // The old key's lifetime carries over: it was created now-ish and expires in 2030, so does the new one (±1 min).
    expect(Math.abs(Date.parse(second.expires_at) - Date.parse(first.expires_at))).toBeLessThan(60_000);

    // In the overlap, both keys work on both instances.
    for (const instance of instances) {
      expect((await send(instance, 'GET', KEYS, first.key)).status).toBe(200);
      expect((await send(instance, 'GET', KEYS, second.key)).status).toBe(200);
    }
    expect(Date.now()).toBeLessThan(overlapEndsAt); // the checks above really ran inside the overlap

    await sleep(overlapEndsAt - Date.now() + 20);
    for (const instance of instances) {
      const old = await send(instance, 'GET', KEYS, first.key);
      expect(old.status).toBe(401);
      expect(old.body).toMatchObject({ code: 401, data: { reason: 'rotated_api_key' } });
      expect((await send(instance, 'GET', KEYS, second.key)).status).toBe(200);
    }

    // Revoke the new key through instance a: both instances refuse it within the cache TTL.
    const revokedAt = Date.now();
    const revoked = await send(a, 'DELETE', `/api/v1/admin/keys/${second.id}`, admin.apiKey);
    expect(revoked.status).toBe(200);
    expect(revoked.body.data).toMatchObject({ id: second.id, status: 'revoked' });
    const refusals = await Promise.all(instances.map((instance) => msUntilRefused(instance, second.key, revokedAt, CACHE_TTL_MS + 1000)));
    console.log(`revocation reached instances after ${refusals.map((r) => `${r.ms} ms`).join(', ')} (cache TTL ${CACHE_TTL_MS} ms)`);
    for (const refusal of refusals) {
      expect(refusal.reason).toBe('revoked_api_key');
      expect(refusal.ms).toBeLessThanOrEqual(CACHE_TTL_MS + 500);
    }
    expect(refusals[0].ms).toBeLessThan(CACHE_TTL_MS); // the revoking instance forgets its cached copy at once

    // The list shows the whole story, without a secret.
    const list = await send(b, 'GET', adminKeysOf(accountId), admin.apiKey);
    expect(list.status).toBe(200);
    expect(list.body.data.items.map((key: any) => [key.id, key.status, key.rotated_to_id, key.rotated_from_id])).toEqual([
      [first.id, 'rotated', second.id, null],
      [second.id, 'revoked', null, first.id],
    ]);
    expect(list.body.data.items.every((key: any) => !('key' in key) && typeof key.last_used_at === 'string')).toBe(true);

    // Every change is audited: who, when, which key, from where.
    const audit = await send(b, 'GET', `/api/v1/admin/keys/audit?account_id=${accountId}`, admin.apiKey, {
      headers: { 'x-request-id': 'audit-read-1' },
    });
    expect(audit.status).toBe(200);
    expect(audit.body.data.items.map((event: any) => [event.action, event.key_id])).toEqual([
      ['revoked', second.id],
      ['created', second.id],
      ['rotated', first.id],
      ['created', first.id],
    ]);
    for (const event of audit.body.data.items) {
      expect(event.actor).toMatchObject({
        kind: 'api_key',
        account_id: admin.accountId,
        user_agent: 'key-management-e2e/1.0',
      });
      expect(event.actor.ip).toMatch(/127\.0\.0\.1$/);
      expect(typeof event.actor.request_id).toBe('string');
      expect(Date.parse(event.occurred_at)).toBeGreaterThan(Date.now() - 60_000);
    }
    expect(audit.body.data.items[2].details).toMatchObject({ rotated_to_id: second.id, overlap_seconds: overlapSeconds });
    // Keyset pages: 3 + 1, the same events in the same order.
    const page1 = await send(b, 'GET', `/api/v1/admin/keys/audit?account_id=${accountId}&limit=3`, admin.apiKey);
    const page2 = await send(b, 'GET', `/api/v1/admin/keys/audit?account_id=${accountId}&limit=3&cursor=${page1.body.data.next_cursor}`, admin.apiKey);
    expect([...page1.body.data.items, ...page2.body.data.items]).toEqual(audit.body.data.items);
    expect(page2.body.data.next_cursor).toBeNull();
  });

  it('self-service: any plan (free: 5 requests a minute) lists, creates, rotates and revokes its own keys, unmetered', async () => {
    const [a, b] = instances;
    const free = await createAccountWithKey(a.app, 'free');
    issuedSecrets.push(free.apiKey);

    const created = await send(a, 'POST', KEYS, free.apiKey, { body: { name: 'ci' } });
    expect(created.status).toBe(201);
    issuedSecrets.push(created.body.data.key);
    const listed = await send(b, 'GET', KEYS, free.apiKey);
    expect(listed.body.data.items.map((key: any) => key.name)).toEqual(['default', 'ci']);

    const [own] = listed.body.data.items;
    const rotated = await send(b, 'POST', `${KEYS}/${own.id}/rotate`, free.apiKey, { body: { overlap_seconds: 600 } });
    expect(rotated.status).toBe(201);
    issuedSecrets.push(rotated.body.data.key);
    expect((await send(a, 'GET', KEYS, rotated.body.data.key)).status).toBe(200);
    expect((await send(a, 'GET', KEYS, free.apiKey)).status).toBe(200); // in its 10-minute overlap

    const again = await send(a, 'POST', `${KEYS}/${own.id}/rotate`, rotated.body.data.key, {});
    expect(again.status).toBe(409);
    expect(again.body.data).toMatchObject({ reason: 'api_key_rotated', rotated_to_id: rotated.body.data.id });

    const revoked = await send(a, 'DELETE', `${KEYS}/${created.body.data.id}`, rotated.body.data.key);
    expect(revoked.body.data.status).toBe('revoked');
    const repeat = await send(b, 'DELETE', `${KEYS}/${created.body.data.id}`, rotated.body.data.key);
    expect(repeat.status).toBe(200);
    expect(repeat.body.data.revoked_at).toBe(revoked.body.data.revoked_at);

    const audit = await send(a, 'GET', `/api/v1/admin/keys/audit?key_id=${created.body.data.id}`, admin.apiKey);
    expect(audit.body.data.items.map((event: any) => event.action)).toEqual(['revoked', 'created']); // the repeat changed nothing
    expect(audit.body.data.items[0].actor).toMatchObject({ kind: 'api_key', credential_id: rotated.body.data.id, account_id: free.accountId });
  });

  it('tenant isolation: one account can neither see nor touch another account\'s keys (404, as for an unknown id)', async () => {
    const [a] = instances;
    const alice = await createAccountWithKey(a.app, 'pro');
    const bob = await createAccountWithKey(a.app, 'starter');
    issuedSecrets.push(alice.apiKey, bob.apiKey);
    const bobKeys = (await send(a, 'GET', KEYS, bob.apiKey)).body.data.items;

    const aliceList = await send(a, 'GET', KEYS, alice.apiKey);
    expect(aliceList.body.data.items.every((key: any) => key.account_id === alice.accountId)).toBe(true);
    expect(JSON.stringify(aliceList.body)).not.toContain(bob.accountId);

    const unknownId = randomUUID();
    for (const [method, path] of [
      ['POST', `${KEYS}/${bobKeys[0].id}/rotate`],
      ['DELETE', `${KEYS}/${bobKeys[0].id}`],
    ] as const) {
      const foreign = await send(a, method, path, alice.apiKey, method === 'POST' ? { body: {} } : {});
      const unknown = await send(a, method, path.replace(bobKeys[0].id, unknownId), alice.apiKey, method === 'POST' ? { body: {} } : {});
      expect([foreign.status, unknown.status]).toEqual([404, 404]);
      expect(foreign.body.msg.replace(bobKeys[0].id, '<id>')).toBe(unknown.body.msg.replace(unknownId, '<id>'));
    }
    // Admin routes are for admins only.
    for (const [method, path] of [
      ['GET', adminKeysOf(bob.accountId)],
      ['POST', adminKeysOf(bob.accountId)],
      ['POST', `/api/v1/admin/keys/${bobKeys[0].id}/rotate`],
      ['DELETE', `/api/v1/admin/keys/${bobKeys[0].id}`],
      ['GET', `/api/v1/admin/keys/audit?account_id=${bob.accountId}`],
    ] as const) {
      expect((await send(a, method, path, alice.apiKey, method === 'POST' ? { body: {} } : {})).status).toBe(403);
    }
    // Each sees its own audit trail only, and cannot ask for another's.
    const aliceAudit = await send(a, 'GET', `${KEYS}/audit`, alice.apiKey);
    expect(aliceAudit.status).toBe(200);
    expect(aliceAudit.body.data.items.length).toBeGreaterThan(0);
    expect(aliceAudit.body.data.items.every((event: any) => event.account_id === alice.accountId)).toBe(true);
    expect((await send(a, 'GET', `${KEYS}/audit?account_id=${bob.accountId}`, alice.apiKey)).status).toBe(400);
    const bobKeyAudit = await send(a, 'GET', `${KEYS}/audit?key_id=${bobKeys[0].id}`, alice.apiKey);
    expect(bobKeyAudit.body.data.items).toEqual([]);
    // Bob's key is untouched and still works; nothing was audited for it but its creation.
    expect((await send(a, 'GET', KEYS, bob.apiKey)).status).toBe(200);
    const audit = await send(a, 'GET', `/api/v1/admin/keys/audit?account_id=${bob.accountId}`, admin.apiKey);
    expect(audit.body.data.items.map((event: any) => event.action)).toEqual(['created']);
  });

  it('creating and rotating are idempotent with Idempotency-Key, and a replay never carries (or stores) the secret', async () => {
    const [a, b] = instances;
    const accountId = await createAccount(a.db, { plan: 'growth' });
    const headers = { 'idempotency-key': randomUUID() };

    const first = await send(a, 'POST', adminKeysOf(accountId), admin.apiKey, { body: { name: 'once' }, headers });
    const replay = await send(b, 'POST', adminKeysOf(accountId), admin.apiKey, { body: { name: 'once' }, headers });
    issuedSecrets.push(first.body.data.key);
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.data).toEqual({ ...first.body.data, key: null });
    const mismatch = await send(b, 'POST', adminKeysOf(accountId), admin.apiKey, { body: { name: 'other' }, headers });
    expect(mismatch.status).toBe(422);

    const rotateHeaders = { 'idempotency-key': randomUUID() };
    const rotation = await send(a, 'POST', `/api/v1/admin/keys/${first.body.data.id}/rotate`, admin.apiKey, { body: {}, headers: rotateHeaders });
    const rotationReplay = await send(b, 'POST', `/api/v1/admin/keys/${first.body.data.id}/rotate`, admin.apiKey, { body: {}, headers: rotateHeaders });
    issuedSecrets.push(rotation.body.data.key);
    expect([rotation.status, rotationReplay.status]).toEqual([201, 201]);
    expect(rotationReplay.body.data).toEqual({ ...rotation.body.data, key: null });
    // The default overlap is 24 hours.
    const overlapMs = Date.parse(rotation.body.data.previous.rotation_ends_at) - Date.parse(rotation.body.data.previous.rotated_at);
    expect(overlapMs).toBe(86_400_000);

    const [{ keys }] = await a.db.query(`SELECT count(*)::int AS keys FROM api_keys WHERE account_id = $1`, [accountId]);
    expect(keys).toBe(2);
    const [{ charges }] = await a.db.query(`SELECT count(*)::int AS charges FROM billing_ledger WHERE account_id = $1`, [admin.accountId]);
    expect(charges).toBe(0); // key management is not metered
  });

  it('caps live keys per account at 20, under concurrent creates on both instances (409 api_key_limit_reached)', async () => {
    const accountId = await createAccount(instances[0].db, { plan: 'enterprise' });
    const replies = await Promise.all(
      Array.from({ length: 26 }, (_, i) => send(instances[i % 2], 'POST', adminKeysOf(accountId), admin.apiKey, { body: { name: `k${i}` } })),
    );
    for (const reply of replies) if (reply.status === 201) issuedSecrets.push(reply.body.data.key);
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(20);
    expect(statuses.filter((status) => status === 409)).toHaveLength(6);
    expect(replies.find((reply) => reply.status === 409)!.body.data).toMatchObject({ reason: 'api_key_limit_reached', limit: 20, live: 20 });

    // Revoking one frees a slot; rotating is always possible (the replaced key no longer counts).
    const oneId = replies.find((reply) => reply.status === 201)!.body.data.id;
    const rotation = await send(instances[0], 'POST', `/api/v1/admin/keys/${oneId}/rotate`, admin.apiKey, { body: { overlap_seconds: 60 } });
    expect(rotation.status).toBe(201);
    issuedSecrets.push(rotation.body.data.key);
    expect((await send(instances[1], 'POST', adminKeysOf(accountId), admin.apiKey, { body: {} })).status).toBe(409);
    await send(instances[1], 'DELETE', `/api/v1/admin/keys/${rotation.body.data.id}`, admin.apiKey);
    const freed = await send(instances[1], 'POST', adminKeysOf(accountId), admin.apiKey); // no body at all: defaults
    expect(freed.status).toBe(201);
    expect(freed.body.data).toMatchObject({ name: 'default', expires_at: null });
    issuedSecrets.push(freed.body.data.key);
  });

  it('rotates a key once when 10 rotations of it race on both instances (one 201, nine 409)', async () => {
    const accountId = await createAccount(instances[0].db, { plan: 'pro' });
    const created = await send(instances[0], 'POST', adminKeysOf(accountId), admin.apiKey, { body: {} });
    issuedSecrets.push(created.body.data.key);

    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        send(instances[i % 2], 'POST', `/api/v1/admin/keys/${created.body.data.id}/rotate`, admin.apiKey, { body: {} }),
      ),
    );
    for (const reply of replies) if (reply.status === 201) issuedSecrets.push(reply.body.data.key);

    expect(replies.map((reply) => reply.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    const winner = replies.find((reply) => reply.status === 201)!.body.data;
    expect(replies.filter((reply) => reply.status === 409).every((reply) => reply.body.data.rotated_to_id === winner.id)).toBe(true);
    const [{ successors }] = await instances[0].db.query(`SELECT count(*)::int AS successors FROM api_keys WHERE rotated_from_id = $1`, [
      created.body.data.id,
    ]);
    expect(successors).toBe(1);
  });

  it('refuses bad input with 400 and names the field; unknown accounts and keys are 404', async () => {
    const [a] = instances;
    const accountId = await createAccount(a.db, { plan: 'pro' });
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', adminKeysOf(accountId), { expires_at: '2020-01-01T00:00:00Z' }, 'expires_at'],
      ['POST', adminKeysOf(accountId), { expires_at: 'tomorrow' }, 'expires_at'],
      ['POST', adminKeysOf(accountId), { name: '' }, 'name'],
      ['POST', adminKeysOf(accountId), { name: 'x'.repeat(101) }, 'name'],
      ['POST', adminKeysOf(accountId), { owner: 'me' }, 'owner'],
      ['POST', `/api/v1/admin/keys/${randomUUID()}/rotate`, { overlap_seconds: 604_801 }, 'overlap_seconds'],
      ['POST', `/api/v1/admin/keys/${randomUUID()}/rotate`, { overlap_seconds: -1 }, 'overlap_seconds'],
      ['POST', `/api/v1/admin/keys/not-a-uuid/rotate`, {}, 'id'],
      ['DELETE', `/api/v1/admin/keys/not-a-uuid`, undefined, 'id'],
      ['GET', `/api/v1/admin/keys/audit?cursor=abc`, undefined, 'cursor'],
    ];
    for (const [method, path, body, field] of cases) {
      const reply = await send(a, method, path, admin.apiKey, body === undefined ? {} : { body });
      expect({ path, body, status: reply.status }).toEqual({ path, body, status: 400 });
      expect(reply.body.data.errors.map((error: any) => error.field)).toContain(field);
    }
    expect((await send(a, 'GET', adminKeysOf(randomUUID()), admin.apiKey)).status).toBe(404);
    expect((await send(a, 'POST', adminKeysOf(randomUUID()), admin.apiKey, { body: {} })).status).toBe(404);
    expect((await send(a, 'POST', `/api/v1/admin/keys/${randomUUID()}/rotate`, admin.apiKey, { body: {} })).status).toBe(404);
    expect((await send(a, 'DELETE', `/api/v1/admin/keys/${randomUUID()}`, admin.apiKey)).status).toBe(404);
  });

  it('documents every key route in /docs-json, with its errors and its security', async () => {
    const document = (await (await fetch(`${instances[0].baseUrl}/docs-json`)).json()) as any;
    const operations = [
      ['post', '/api/v1/admin/accounts/{id}/keys', ['201', '400', '401', '403', '404', '409', '422', '429']],
      ['get', '/api/v1/admin/accounts/{id}/keys', ['200', '400', '401', '403', '404', '429']],
      ['post', '/api/v1/admin/keys/{id}/rotate', ['201', '400', '401', '403', '404', '409', '422', '429']],
      ['delete', '/api/v1/admin/keys/{id}', ['200', '400', '401', '403', '404', '429']],
      ['get', '/api/v1/admin/keys/audit', ['200', '400', '401', '403', '429']],
      ['get', '/api/v1/account/keys', ['200', '401', '429']],
      ['get', '/api/v1/account/keys/audit', ['200', '400', '401', '429']],
      ['post', '/api/v1/account/keys', ['201', '400', '401', '409', '422', '429']],
      ['post', '/api/v1/account/keys/{id}/rotate', ['201', '400', '401', '404', '409', '422', '429']],
      ['delete', '/api/v1/account/keys/{id}', ['200', '400', '401', '404', '429']],
    ] as const;
    for (const [method, path, statuses] of operations) {
      const operation = document.paths[path]?.[method];
      expect({ path, method, documented: Boolean(operation) }).toEqual({ path, method, documented: true });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining([...statuses]));
      expect(operation.security).toEqual(expect.arrayContaining([{ 'x-api-key': [] }, { jwt: [] }]));
      expect(operation.summary).toContain('not metered');
      expect(typeof operation.operationId).toBe('string');
    }
    const key = document.components.schemas['apiKeys.ApiKey'].properties;
    expect(key.rotation_ends_at).toMatchObject({ type: 'string', format: 'date-time', nullable: true });
    expect(document.info.description).toContain('JWT_JWKS_URL');
  });

  it('keeps every secret out of lists, logs and the database (only the SHA-256 is stored)', async () => {
    expect(issuedSecrets.length).toBeGreaterThan(25);
    const everything = await wholeDatabaseText(instances[0].db);
    const log = logged.join('');
    expect(log).toMatch(/"context":"HTTP"/); // the request log was captured
    const leaks = issuedSecrets.filter((secret) => everything.includes(secret) || log.includes(secret) || log.includes(secret.slice(9)));
    expect(leaks).toEqual([]);
    const [{ hashed }] = await instances[0].db.query(
      `SELECT count(*)::int AS hashed FROM api_keys WHERE key_hash = ANY($1::bytea[])`,
      [issuedSecrets.map((secret) => require('node:crypto').createHash('sha256').update(secret).digest())],
    );
    expect(hashed).toBe(issuedSecrets.length);
  });
});
