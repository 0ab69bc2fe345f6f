import { randomBytes } from 'node:crypto';
import { freePort } from '../support/free-port';
import { createTestDatabase, queryDatabase, TestDatabase } from '../support/test-database';
import { Receiver } from './support/receiver';
import { buildServiceOnce, insertAdminWithKey, ServiceProcess } from '../support/service-process';

const METRICS_TOKEN = 'metrics-token-for-webhook-instances';

async function post(baseUrl: string, path: string, apiKey: string, body: unknown): Promise<{ status: number; data: Record<string, any> }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, data: ((await response.json()) as { data: Record<string, any> }).data };
}

/** Successful webhook attempts this instance made, from its own /metrics. */
async function attemptsBy(instance: ServiceProcess): Promise<number> {
  const text = await (await fetch(`${instance.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  return Number(/^webhook_delivery_attempts_total\{outcome="succeeded"\} (\d+)$/m.exec(text)?.[1] ?? 0);
}

describe('webhook delivery across service processes', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let apiKey: string;
  let receiver: Receiver;
  let referralCode: string;
  const running: ServiceProcess[] = [];

  const start = async () => {
    const instance = new ServiceProcess(await freePort(), env);
    running.push(instance);
    await instance.ready();
    return instance;
  };
  const signups = (instance: ServiceProcess, emails: string[]) =>
    Promise.all(emails.map((email) => post(instance.baseUrl, '/api/v1/referrals/signups', apiKey, { email, referral_code: referralCode })));
  const signedUpEvents = (): Promise<Array<{ id: string }>> =>
    queryDatabase(database.url, `SELECT id FROM webhook_events WHERE type = 'referral.signed_up'`);

  beforeAll(async () => {
    buildServiceOnce();
    database = await createTestDatabase();
    env = {
      DATABASE_URL: database.url,
      METRICS_TOKEN,
      WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'), // shared by every instance, as in production
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_POLL_INTERVAL_MS: '50',
      WEBHOOK_RETRY_BASE_MS: '200',
      WEBHOOK_RETRY_MAX_DELAY_MS: '1000',
      // Long enough that the held attempts below are still in flight (not timed out) when the instance is killed.
      WEBHOOK_TIMEOUT_MS: '10000',
      WEBHOOK_LEASE_MS: '12000',
      SHUTDOWN_GRACE_MS: '2000',
      DB_POOL_SIZE: '4', // the suite's other files share the test server's connections
      LOG_LEVEL: 'log',
    };
    const first = await start(); // migrates
    apiKey = await insertAdminWithKey(database.url, 'hooks');
    receiver = new Receiver(await freePort());
    await receiver.start();
    const created = await post(first.baseUrl, '/api/v1/admin/webhooks', apiKey, { url: receiver.url, events: ['referral.signed_up'] });
    expect(created.status).toBe(201);
    receiver.useSecrets(created.data.secret);
    const referrer = await post(first.baseUrl, '/api/v1/referrals/signups', apiKey, { email: 'multi.referrer@example.com' });
    referralCode = referrer.data.account.referral_code;
    await first.stop();
  }, 180_000);

  afterAll(async () => {
    for (const instance of running) await instance.stop('SIGKILL');
    await receiver?.stop();
    await database?.drop();
  });

  it('with 2 instances delivering, sends every event exactly once', async () => {
    receiver.delayMs = 30; // attempts overlap, so both workers claim while the other is sending
    const [a, b] = [await start(), await start()];
    const emails = Array.from({ length: 100 }, (_, i) => `multi${i}@example.org`);
    const answers = [...(await signups(a, emails.slice(0, 50))), ...(await signups(b, emails.slice(50)))];
    expect(answers.every((answer) => answer.status === 201)).toBe(true);

    const events = await signedUpEvents();
    await receiver.until(() => events.every((event) => receiver.ids().includes(event.id)), 60_000);

    expect(events).toHaveLength(100);
    expect(receiver.arrivals).toHaveLength(events.length); // no attempt sent twice, none rejected
    expect(new Set(receiver.arrivals).size).toBe(events.length);
    const split = [await attemptsBy(a), await attemptsBy(b)];
    console.log(`successful attempts by instance: ${split.join(' + ')} = ${events.length} events`);
    expect(split[0] + split[1]).toBe(events.length);
    expect(Math.min(...split)).toBeGreaterThan(0);
    const [{ attempts }] = await queryDatabase<{ attempts: number }>(database.url, `SELECT max(attempts)::int AS attempts FROM webhook_deliveries`);
    expect(attempts).toBe(1);
    await a.stop();
    await b.stop();
    receiver.delayMs = 0;
  }, 180_000);

  it('kill -9 of an instance in the middle of deliveries loses nothing', async () => {
    const victim = await start();
    receiver.hold = true; // requests arrive and are never answered: the victim is mid-delivery
    const before = receiver.arrivals.length;
    const answers = await signups(victim, Array.from({ length: 10 }, (_, i) => `killed${i}@example.org`));
    expect(answers.every((answer) => answer.status === 201)).toBe(true);
    const fresh = (await signedUpEvents()).filter((event) => !receiver.ids().includes(event.id));
    expect(fresh).toHaveLength(10);
    await receiver.until(() => receiver.arrivals.length - before >= 10, 60_000);

    await victim.stop('SIGKILL');
    receiver.hold = false;
    const inFlight = await queryDatabase<{ event_id: string }>(
      database.url,
      `SELECT event_id FROM webhook_deliveries WHERE status = 'pending' AND lease_expires_at > now()`,
    );
    console.log(`attempts in flight in the killed instance: ${inFlight.length} of ${fresh.length}`);
    expect(inFlight.length).toBeGreaterThan(0); // claimed by the dead instance, leased

    await start(); // a surviving instance retries them once the dead one's leases expire
    await receiver.until(() => fresh.every((event) => receiver.ids().includes(event.id)), 60_000);

    const settled = async () =>
      queryDatabase<{ event_id: string; status: string; attempts: number }>(
        database.url,
        `SELECT event_id, status, attempts FROM webhook_deliveries WHERE event_id = ANY($1::uuid[])`,
        [fresh.map((event) => event.id)],
      );
    let rows = await settled();
    for (let i = 0; i < 50 && rows.some((row) => row.status !== 'succeeded'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      rows = await settled();
    }
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(row.status).toBe('succeeded');
    for (const { event_id } of inFlight) expect(rows.find((row) => row.event_id === event_id)!.attempts).toBeGreaterThanOrEqual(2);
    expect(new Set(receiver.ids()).size).toBe(receiver.ids().length); // each verified exactly once
  }, 180_000);
});
