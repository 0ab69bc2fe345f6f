import { generateApiKey } from '../../src/auth/api-keys/api-key-format';
import { Instance, startInstance } from '../billing/support/instances';
import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const USAGE = '/api/v1/account/usage';
const LIMIT = 5;

async function get(instance: Instance, headers: Record<string, string>): Promise<{ status: number; reason?: string }> {
  const response = await fetch(`${instance.baseUrl}${USAGE}`, { headers });
  const body = (await response.json()) as { data: { reason?: string } | null };
  return { status: response.status, reason: body.data?.reason };
}

function tally(outcomes: Array<{ status: number }>): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of outcomes) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

describe('the failed-authentication limit across two instances on one database', () => {
  let database: TestDatabase;
  let instances: Instance[];
  let validKey: string;

  beforeEach(async () => {
    // A database per test: the limit counts per client IP, and every request here comes from 127.0.0.1.
    database = await createTestDatabase();
    instances = [
      await startInstance(database, { AUTH_FAILURES_PER_MINUTE: String(LIMIT) }),
      await startInstance(database, { AUTH_FAILURES_PER_MINUTE: String(LIMIT) }),
    ];
    validKey = (await createAccountWithKey(instances[0].app, 'pro')).apiKey;
  });

  afterEach(async () => {
    for (const instance of instances ?? []) await instance.close();
    await database?.drop();
  });

  it(`answers exactly ${LIMIT} concurrent bad keys 401 over both instances, the rest 429, then refuses a valid key on both`, async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => get(instances[i % 2], { 'x-api-key': generateApiKey().key })),
    );

    expect(tally(outcomes)).toEqual({ 401: LIMIT, 429: 12 - LIMIT });
    expect(outcomes.filter(({ status }) => status === 429).every(({ reason }) => reason === 'too_many_failures')).toBe(true);
    for (const instance of instances) expect(await get(instance, { 'x-api-key': validKey })).toEqual({ status: 429, reason: 'too_many_failures' });
  });

  it('ignores X-Forwarded-For from a client that is not a listed proxy (rotating it does not escape the limit)', async () => {
    const outcomes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const { status } = await get(instances[i % 2], { 'x-api-key': generateApiKey().key, 'x-forwarded-for': `203.0.113.${i + 1}` });
      outcomes.push(status);
    }

    expect(outcomes).toEqual([...Array(LIMIT).fill(401), ...Array(12 - LIMIT).fill(429)]);
  });

  it('costs a successful request no database write: 100 successes leave auth_failures empty', async () => {
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => get(instances[i % 2], { 'x-api-key': validKey })));

    expect(tally(outcomes)).toEqual({ 200: 100 }); // within the pro plan's 120 a minute
    expect(await instances[0].db.query(`SELECT count(*)::int AS rows FROM auth_failures`)).toEqual([{ rows: 0 }]);
  });
});

describe('the failed-authentication limit behind a listed proxy', () => {
  let database: TestDatabase;
  let instance: Instance;

  beforeAll(async () => {
    database = await createTestDatabase();
    instance = await startInstance(database, { AUTH_FAILURES_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'loopback' });
  });

  afterAll(async () => {
    await instance?.close();
    await database?.drop();
  });

  it("counts each client behind the proxy by its own address from X-Forwarded-For", async () => {
    const client = (ip: string) => get(instance, { 'x-api-key': generateApiKey().key, 'x-forwarded-for': ip });
    for (let i = 0; i < LIMIT; i++) expect((await client('198.51.100.1')).status).toBe(401);

    expect((await client('198.51.100.1')).status).toBe(429);
    expect((await client('198.51.100.2')).status).toBe(401);
    expect(await instance.db.query(`SELECT client_ip, failures FROM auth_failures ORDER BY client_ip`)).toEqual([
      { client_ip: '198.51.100.1', failures: LIMIT }, // the sixth was refused before its key was looked at
      { client_ip: '198.51.100.2', failures: 1 },
    ]);
  });
});
