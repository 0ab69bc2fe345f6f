import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { Client } from 'pg';
import { freePort } from '../support/free-port';
import { buildServiceOnce, insertAdminWithKey, ServiceProcess } from '../support/service-process';
import { createTestDatabase, queryDatabase, TestDatabase, testServerUrl, untilWaitingOnALock } from '../support/test-database';

const STATS = '/api/v1/admin/referrals/stats';

interface Outcome {
  requestId: string;
  status: number | 'refused' | 'reset';
}

/**
 * One request, on a fresh connection unless `agent` keeps connections alive; a refused or reset connection is an
 * outcome, not an error.
 */
function call(port: number, path: string, apiKey: string, requestId = randomUUID(), agent: Agent | false = false): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, agent, headers: { 'x-api-key': apiKey, 'x-request-id': requestId } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ requestId, status: res.statusCode ?? 0 }));
        res.on('error', () => resolve({ requestId, status: 'reset' }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ requestId, status: error.code === 'ECONNREFUSED' ? 'refused' : 'reset' }));
    req.end();
  });
}

/** Sends `total` requests, `concurrency` at a time, and runs `during` once `after` of them have been answered. */
async function load(port: number, apiKey: string, total: number, concurrency: number, after: number, during: () => void): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let sent = 0;
  let fired = false;
  const worker = async () => {
    while (sent < total) {
      sent += 1;
      outcomes.push(await call(port, STATS, apiKey));
      if (!fired && outcomes.length >= after) {
        fired = true;
        during();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

describe('the service process under faults', () => {
  let database: TestDatabase;
  let apiKey: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    buildServiceOnce();
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url, SHUTDOWN_GRACE_MS: '5000', BILLING_RESERVATION_TTL_MS: '2000' };
    // Migrate by starting the service once, then give it an admin key.
    const first = new ServiceProcess(await freePort(), env);
    await first.ready();
    await first.stop();
    apiKey = await insertAdminWithKey(database.url, 'faults');
  }, 120_000);

  afterAll(() => database.drop());

  const ledgerIds = async () =>
    new Set((await queryDatabase<{ request_id: string }>(database.url, `SELECT request_id FROM billing_ledger`)).map((row) => row.request_id));

  it('on SIGTERM finishes requests in flight, refuses new ones, exits cleanly, and charges exactly the 2xx', async () => {
    const service = new ServiceProcess(await freePort(), env);
    await service.ready();
    const before = await ledgerIds();
    let signalledAt = 0;

    const outcomes = await load(service.port, apiKey, 400, 16, 100, () => {
      signalledAt = Date.now();
      service.process.kill('SIGTERM');
    });
    const code = await service.exited();

    const ok = outcomes.filter((outcome) => outcome.status === 200);
    // A connection the kernel accepted just before the listener closed is reset unserved: like a refusal,
    // never an answer cut short (those would be charged without a 200, which the ledger check rules out).
    const notServed = outcomes.filter((outcome) => outcome.status === 'refused' || outcome.status === 'reset');
    const other = outcomes.filter((outcome) => outcome.status !== 200 && !notServed.includes(outcome));
    const charged = [...(await ledgerIds())].filter((id) => !before.has(id));
    console.log(
      `SIGTERM: sent ${outcomes.length}, 2xx ${ok.length}, refused or reset unserved ${notServed.length}, ` +
        `other ${other.length}, ledger rows ${charged.length}, ledger minus 2xx ${charged.length - ok.length}, ` +
        `exit ${code} after ${Date.now() - signalledAt} ms`,
    );
    expect(code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(5000);
    expect(other).toEqual([]);
    expect(new Set(charged)).toEqual(new Set(ok.map((outcome) => outcome.requestId)));
    // Confirmed, not merely provisional: a clean shutdown flushes every 2xx's confirmation before it exits, so
    // no marker is left for a sweeper to refund.
    expect(await queryDatabase(database.url, `SELECT ledger_id FROM billing_pending_charges`)).toEqual([]);
    expect(await queryDatabase(database.url, `SELECT id FROM billing_reservations`)).toEqual([]);
  }, 60_000);

  it('on SIGTERM with clients on kept-alive connections (a proxy\'s pool): finishes, closes them, exits 0 at once', async () => {
    const service = new ServiceProcess(await freePort(), env);
    await service.ready();
    const before = await ledgerIds();
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const outcomes: Outcome[] = [];
    let signalledAt = 0;
    // 8 clients, each sending on its kept-alive connection until the service is gone: connections stay busy.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (;;) {
          const outcome = await call(service.port, STATS, apiKey, randomUUID(), agent);
          outcomes.push(outcome);
          if (outcomes.length === 150 && !signalledAt) {
            signalledAt = Date.now();
            service.process.kill('SIGTERM');
          }
          if (outcome.status === 'refused') return;
        }
      }),
    );
    agent.destroy();
    const code = await service.exited();

    const ok = outcomes.filter((outcome) => outcome.status === 200);
    const other = outcomes.filter((outcome) => !(outcome.status === 200 || outcome.status === 'refused' || outcome.status === 'reset'));
    const charged = [...(await ledgerIds())].filter((id) => !before.has(id));
    console.log(`SIGTERM, kept-alive clients: ${outcomes.length} requests, 2xx ${ok.length}, exit ${code} after ${Date.now() - signalledAt} ms`);
    // Before, the kept-alive connections held the server open: it served on until SHUTDOWN_GRACE_MS and exited 1.
    expect(code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(2_500);
    expect(other).toEqual([]);
    expect(new Set(charged)).toEqual(new Set(ok.map((outcome) => outcome.requestId)));
  }, 60_000);

  it('on SIGTERM, a request whose client left while its admission waited is refunded before the pool closes: no error, exit 0', async () => {
    const service = new ServiceProcess(await freePort(), env);
    await service.ready();
    expect((await call(service.port, STATS, apiKey)).status).toBe(200);
    const before = await ledgerIds();
    // The account's counters row is locked, so the request's admission waits, and its client leaves meanwhile.
    // Once the lock goes, the request is admitted into a closed socket and refunds its charge at once.
    const locker = new Client({ connectionString: database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(
        `SELECT c.account_id FROM billing_counters c JOIN api_keys k ON k.account_id = c.account_id
          WHERE k.name = 'faults' FOR UPDATE OF c`,
      );
      const abandoned = httpRequest({ host: '127.0.0.1', port: service.port, path: STATS, agent: false, headers: { 'x-api-key': apiKey } });
      abandoned.on('error', () => undefined);
      abandoned.end();
      await untilWaitingOnALock(database.url); // the admission
      abandoned.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));

      const signalledAt = Date.now();
      service.process.kill('SIGTERM');
      // Long enough for a shutdown that did not wait for the admission in flight to have closed the pool.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await locker.query('COMMIT');
      const code = await service.exited();

      console.log(`SIGTERM with a request whose client left: exit ${code} after ${Date.now() - signalledAt} ms`);
      // Were the pool closed before the admission returned (MeteringService.beforeApplicationShutdown), the refund
      // would fail ("Cannot use a pool after calling end on the pool", logged) and the charge stay provisional
      // until another instance's sweeper refunded it at its expiry.
      expect(service.output).not.toMatch(/Cannot use a pool|"level":"(error|fatal)"|\bERROR\b/);
      expect(code).toBe(0);
      expect([...(await ledgerIds())].filter((id) => !before.has(id))).toEqual([]);
      expect(await queryDatabase(database.url, `SELECT ledger_id FROM billing_pending_charges`)).toEqual([]);
    } finally {
      await locker.end();
    }
  }, 60_000);

  it('after kill -9 and a restart: no charge without a 2xx, none twice, and its reservations come back', async () => {
    const victim = new ServiceProcess(await freePort(), env);
    await victim.ready();
    const before = await ledgerIds();

    const outcomes = await load(victim.port, apiKey, 300, 16, 80, () => victim.process.kill('SIGKILL'));
    await victim.exited();
    const restarted = new ServiceProcess(await freePort(), env);
    await restarted.ready();

    const ok = new Set(outcomes.filter((outcome) => outcome.status === 200).map((outcome) => outcome.requestId));
    const unanswered = outcomes.filter((outcome) => outcome.status === 'reset').map((outcome) => outcome.requestId);
    const newCharges = async () =>
      (await queryDatabase<{ request_id: string }>(database.url, `SELECT request_id FROM billing_ledger`))
        .map((row) => row.request_id)
        .filter((id) => !before.has(id));
    const chargedAtDeath = await newCharges();
    const [{ pendingAtDeath }] = await queryDatabase<{ pendingAtDeath: number }>(
      database.url,
      `SELECT count(*)::int AS "pendingAtDeath" FROM billing_pending_charges`,
    );

    // The dead process's provisional charges (billing_pending_charges: charged at admission, never confirmed)
    // and reservations expire (2 s here); the restarted service's sweeper refunds and returns them. Polled
    // until both tables are empty, bounded.
    let open = { pending: Number.POSITIVE_INFINITY, reserved: Number.POSITIVE_INFINITY };
    for (let attempt = 0; attempt < 150 && open.pending + open.reserved > 0; attempt++) {
      [open] = await queryDatabase<{ pending: number; reserved: number }>(
        database.url,
        `SELECT (SELECT count(*) FROM billing_pending_charges)::int AS pending, (SELECT count(*) FROM billing_reservations)::int AS reserved`,
      );
      if (open.pending + open.reserved > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const charged = await newCharges();
    const chargedWithout2xx = charged.filter((id) => !ok.has(id));
    const [drift] = await queryDatabase<{ drift: string }>(
      database.url,
      `SELECT count(*) AS drift FROM billing_counters c
        WHERE c.day_used <> (SELECT coalesce(sum(credits), 0) FROM billing_ledger l
                              WHERE l.account_id = c.account_id AND l.usage_day = c.usage_day)
           OR c.day_reserved <> 0 OR c.included_reserved <> 0`,
    );
    console.log(
      `kill -9: sent ${outcomes.length}, 2xx ${ok.size}, cut off ${unanswered.length}, ledger rows at death ` +
        `${chargedAtDeath.length} (${pendingAtDeath} provisional), after the sweep ${charged.length}, charged without a 2xx ` +
        `${chargedWithout2xx.length}, 2xx refunded (confirmation lost with the process) ${ok.size - charged.length}, ` +
        `left: ${JSON.stringify(open)}, counter drift ${drift.drift}`,
    );
    expect(open).toEqual({ pending: 0, reserved: 0 });
    // After the sweep: every charge is a 2xx the client received, none twice; the unconfirmed ones are refunded.
    expect(new Set(charged).size).toBe(charged.length);
    expect(chargedWithout2xx).toEqual([]);
    expect(Number(drift.drift)).toBe(0);
    expect((await call(restarted.port, STATS, apiKey)).status).toBe(200);

    restarted.process.kill('SIGTERM');
    await restarted.exited();
  }, 90_000);

  it('waits for a database that is down at boot: alive at once, ready only once the database answers', async () => {
    const setAllowed = (allowed: boolean) =>
      queryDatabase(testServerUrl(), `ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS ${allowed}`);
    await setAllowed(false);
    const service = new ServiceProcess(await freePort(), env);
    try {
      // "At once" = as soon as the process listens, while the database is still refused; a loaded machine may
      // take several seconds just to load the modules, hence a deadline rather than a count of attempts.
      let live: Outcome | null = null;
      for (const deadline = Date.now() + 30_000; Date.now() < deadline && live?.status !== 200; ) {
        live = await call(service.port, '/health', '');
        if (live.status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const notReady = await call(service.port, '/health/ready', '');
      const api = await call(service.port, STATS, apiKey);
      expect([live?.status, notReady.status, api.status]).toEqual([200, 503, 503]);

      await setAllowed(true);
      await service.ready();
      expect((await call(service.port, STATS, apiKey)).status).toBe(200);
      expect(service.output).toMatch(/Database unreachable \(attempt 1/);
    } finally {
      await setAllowed(true);
      service.process.kill('SIGTERM');
      await service.exited();
    }
  }, 60_000);
});
