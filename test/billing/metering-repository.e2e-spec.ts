import { ADMIT_BATCH } from '../../src/billing/metering/admission.sql';
import { ExpiredAdmissionsSweeper } from '../../src/billing/metering/expired-admissions.sweeper';
import { METERING_INLINE_FUNCTIONS } from '../../src/billing/metering/metering-routines';
import { MeteringRepository } from '../../src/billing/metering/metering.repository';
import type { AdmissionLimits, AdmissionRequest, AdmissionResult, BatchedAdmission } from '../../src/billing/metering/metering.types';
import { CHARGE_RESERVATION } from '../../src/billing/metering/settlement.sql';
import { createAccount } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { countersOf, ledgerDisagreements, ledgerOf } from './support/billing-fixtures';

/**
 * The admission statement production runs (ADMIT_BATCH, through MeteringRepository.admitBatch) and its
 * settlements, on the real database, with timestamps placed where HTTP tests cannot put them: single-request
 * batches (what a lone request sends) and multi-request batches (what concurrent requests share).
 */
describe('MeteringRepository: the batched admission statement', () => {
  let t: TestApp;
  let repository: MeteringRepository;

  const limits: AdmissionLimits = { ratePerMinute: 5, dailyCap: 10, includedCredits: 100, overageAllowed: false };
  const requestFor = (accountId: string, credits = 1): AdmissionRequest => ({
    accountId,
    credits,
    requestId: `req-${Math.random()}`,
    credential: { kind: 'api_key', id: 'key-1' },
    route: 'GET /test',
  });

  /** Admits a batch (distinct accounts, whose counters rows exist); results in order. */
  async function admitAll(batch: BatchedAdmission[]): Promise<AdmissionResult[]> {
    const results = await repository.admitBatch(batch);
    return results.map((result) => {
      if (result.missing) throw new Error('counters row missing');
      return result;
    });
  }

  /** One request alone in its statement, as a lone request is sent. */
  const admit = async (accountId: string, credits: number, with_: AdmissionLimits = limits) =>
    (await admitAll([{ request: requestFor(accountId, credits), limits: with_ }]))[0];

  /** A fresh account with its counters row (the batcher creates it on the first admission). */
  async function meteredAccount(): Promise<string> {
    const accountId = await createAccount(t.db, { plan: 'free' });
    await repository.ensureCounters([accountId]);
    return accountId;
  }

  /**
   * Gives the account unexpired bonus credits: an admission that spends some reserves (and is charged or returned
   * after the handler) instead of charging at once.
   */
  const grantBonus = (accountId: string, credits: number) =>
    t.db.query(
      `UPDATE billing_counters SET bonus_expires_at = ARRAY[now() + interval '30 days'], bonus_remaining = ARRAY[$2]::bigint[]
        WHERE account_id = $1`,
      [accountId, credits],
    );

  const bonusOf = async (accountId: string) =>
    (
      await t.db.query(`SELECT bonus_remaining[1]::int AS remaining, bonus_reserved::int AS reserved FROM billing_counters WHERE account_id = $1`, [
        accountId,
      ])
    )[0] as { remaining: number; reserved: number };

  /** Replaces the account's admission log with times `secondsAgo` before the database's now() (ms since it). */
  const setAdmissionLog = (accountId: string, secondsAgo: number[]) =>
    t.db.query(
      `UPDATE billing_counters
          SET admissions_epoch = now(),
              recent_admissions = ARRAY(SELECT ceil(-s * 1000)::int FROM unnest($2::float8[]) s ORDER BY 1)
        WHERE account_id = $1`,
      [accountId, secondsAgo],
    );

  /** Time travel: the reservation's or provisional charge's process died long enough ago. */
  const expire = (table: 'billing_reservations' | 'billing_pending_charges', column: 'id' | 'ledger_id', id: string) =>
    t.db.query(`UPDATE ${table} SET expires_at = now() - interval '1 second' WHERE ${column} = $1`, [id]);

  beforeAll(async () => {
    t = await createTestApp();
    repository = t.app.get(MeteringRepository);
  });

  afterEach(async () => {
    expect(await ledgerDisagreements(t.db)).toEqual([]);
  });

  afterAll(() => t.close());

  it('costs no function call for the rules it shares (rollover, sliding log): the planner inlines them', async () => {
    const plans = [
      await t.db.query(`EXPLAIN VERBOSE ${ADMIT_BATCH}`, [[], [], [], [], [], [], [], [], [], [], 1000, [], []]),
      await t.db.query(`EXPLAIN VERBOSE ${CHARGE_RESERVATION}`, ['00000000-0000-0000-0000-000000000000']),
    ].map((rows: Array<Record<string, string>>) => rows.map((row) => row['QUERY PLAN']).join('\n'));

    for (const plan of plans) {
      expect(plan).toContain('billing_counters');
      for (const fn of METERING_INLINE_FUNCTIONS) expect(plan).not.toContain(fn.name);
    }
  });

  describe('the per-minute limit is a rolling 60 s window (the PostgreSQL sliding log)', () => {
    it('refuses while the 5th latest admission is under 60 s old, whatever the calendar minute', async () => {
      const accountId = await meteredAccount();
      await setAdmissionLog(accountId, [59, 50, 40, 30, 1]);

      const result = await admit(accountId, 0);

      expect(result.refusal).toBe('rate_limited');
      // The blocking admission is the one 59 s ago: it leaves the window in about a second.
      const waitMs = result.blockingAdmission!.getTime() + 60_000 - result.counters.now.getTime();
      expect(waitMs).toBeGreaterThan(0);
      expect(waitMs).toBeLessThanOrEqual(1_100);
      expect(result.counters.minuteCount).toBe(5);
      expect(await countersOf(t.db, accountId)).toMatchObject({ admissions: 5 });
    });

    it('admits once the 5th latest admission is 60 s old, and keeps only the latest 5', async () => {
      const accountId = await meteredAccount();
      await setAdmissionLog(accountId, [120, 61, 50, 40, 30, 1]);

      const admitted = await admit(accountId, 0);
      const next = await admit(accountId, 0);

      expect(admitted.refusal).toBeNull();
      expect(admitted.counters.minuteCount).toBe(5);
      expect(next.refusal).toBe('rate_limited');
      expect(await countersOf(t.db, accountId)).toMatchObject({ admissions: 5 });
    });

    it('never holds more than N admissions in any 60 s span, unlike a fixed window at a minute boundary', async () => {
      // A fixed window would admit 5 at hh:mm:59 and 5 more at hh:(mm+1):00. Here: 5 admissions 2 s ago, so
      // nothing is admitted for another 58 s, minute boundary or not.
      const accountId = await meteredAccount();
      await setAdmissionLog(accountId, [2, 2, 2, 2, 2]);

      const results = await Promise.all(Array.from({ length: 10 }, () => admit(accountId, 0)));

      expect(results.every((result) => result.refusal === 'rate_limited')).toBe(true);
    });

    it('keeps only what can still decide: nothing 60 s old, whatever the limit', async () => {
      const accountId = await meteredAccount();
      await setAdmissionLog(accountId, [300, 120, 61, 30, 1]);

      const admitted = await admit(accountId, 0, { ...limits, ratePerMinute: 1_000 });

      expect(admitted.refusal).toBeNull();
      expect(admitted.counters.minuteCount).toBe(3);
      expect(await countersOf(t.db, accountId)).toMatchObject({ admissions: 3 });
    });

    it('restarts its epoch before the offsets leave int4, and decides as before', async () => {
      // An account never idle for a minute in 24 days: its offsets are near 2^31 ms.
      const accountId = await meteredAccount();
      await t.db.query(
        `UPDATE billing_counters
            SET admissions_epoch = now() - interval '24 days',
                recent_admissions = ARRAY[floor(extract(epoch FROM interval '24 days' - interval '30 seconds') * 1000)::int,
                                          floor(extract(epoch FROM interval '24 days' - interval '10 seconds') * 1000)::int]
          WHERE account_id = $1`,
        [accountId],
      );
      const three = { ...limits, ratePerMinute: 3 };

      const admitted = await admit(accountId, 0, three);
      const refused = await admit(accountId, 0, three);

      expect(admitted.refusal).toBeNull();
      expect(refused.refusal).toBe('rate_limited');
      // The blocking admission is still the one of 30 s ago.
      const waitMs = refused.blockingAdmission!.getTime() + 60_000 - refused.counters.now.getTime();
      expect(waitMs).toBeGreaterThan(28_000);
      expect(waitMs).toBeLessThanOrEqual(30_100);
      const [log] = await t.db.query(
        `SELECT recent_admissions AS entries, now() - admissions_epoch < interval '1 minute' AS restarted FROM billing_counters WHERE account_id = $1`,
        [accountId],
      );
      expect(log.restarted).toBe(true);
      expect(log.entries).toHaveLength(3);
      expect(log.entries[2]).toBe(0);
    });

    it('stays in its row at an Enterprise limit (1,000 entries): not compressed or moved out of line', async () => {
      const accountId = await meteredAccount();
      await setAdmissionLog(accountId, Array.from({ length: 999 }, (_, i) => 59 - i * 0.05));

      const admitted = await admit(accountId, 0, { ...limits, ratePerMinute: 1_000 });

      expect(admitted.refusal).toBeNull();
      expect(admitted.counters.minuteCount).toBe(1_000);
      const [row] = await t.db.query(
        `SELECT cardinality(recent_admissions) AS entries, pg_column_size(recent_admissions) AS bytes,
                pg_column_compression(recent_admissions) AS compression
           FROM billing_counters WHERE account_id = $1`,
        [accountId],
      );
      expect(row).toEqual({ entries: 1_000, bytes: expect.any(Number), compression: null });
      expect(row.bytes).toBeLessThan(4_100);
    });

    it('decides each account of a multi-request statement from its own log', async () => {
      const [full, nearlyFull, fresh] = await Promise.all([meteredAccount(), meteredAccount(), meteredAccount()]);
      await setAdmissionLog(full, [50, 40, 30, 20, 10]);
      await setAdmissionLog(nearlyFull, [61, 40, 30, 20, 10]);

      const results = await admitAll([full, nearlyFull, fresh].map((accountId) => ({ request: requestFor(accountId, 0), limits })));

      expect(results.map((result) => [result.refusal, result.counters.minuteCount])).toEqual([
        ['rate_limited', 5],
        [null, 5],
        [null, 1],
      ]);
      expect((await countersOf(t.db, fresh)).admissions).toBe(1);
    });
  });

  describe('reservations (admissions that spend bonus credits)', () => {
    it('returns the credits of an expired reservation (a crashed process) and charges nothing', async () => {
      const accountId = await meteredAccount();
      await grantBonus(accountId, 1);
      const admitted = await admit(accountId, 2); // 1 bonus credit, 1 included
      expect(admitted.reservationId).toEqual(expect.any(String));
      expect(await countersOf(t.db, accountId)).toMatchObject({ day_reserved: 2, included_reserved: 1 });
      await expire('billing_reservations', 'id', admitted.reservationId!);

      const swept = await t.app.get(ExpiredAdmissionsSweeper).sweepNow();

      expect(swept).toBe(1);
      expect(await countersOf(t.db, accountId)).toMatchObject({
        day_used: 0,
        day_reserved: 0,
        included_used: 0,
        included_reserved: 0,
      });
      expect(await bonusOf(accountId)).toEqual({ remaining: 1, reserved: 0 });
      // The process comes back after all: its late charge finds nothing to charge.
      await expect(repository.chargeReservation(admitted.reservationId!)).resolves.toBeNull();
      expect(await ledgerOf(t.db, accountId)).toEqual([]);
    });

    it('leaves unexpired reservations alone', async () => {
      const accountId = await meteredAccount();
      await grantBonus(accountId, 10);
      const admitted = await admit(accountId, 1);

      await t.app.get(ExpiredAdmissionsSweeper).sweepNow();

      expect(await countersOf(t.db, accountId)).toMatchObject({ day_reserved: 1 });
      await repository.returnReservation(admitted.reservationId!);
    });

    it('counts reserved credits against the cap, so requests in flight cannot overshoot it', async () => {
      const accountId = await meteredAccount();
      await grantBonus(accountId, 100);
      const inFlight = await admit(accountId, 9);

      const refused = await admit(accountId, 2);
      await repository.returnReservation(inFlight.reservationId!);
      const admittedAfterReturn = await admit(accountId, 2);

      expect(refused.refusal).toBe('daily_cap_reached');
      expect(admittedAfterReturn.refusal).toBeNull();
      await repository.chargeReservation(admittedAfterReturn.reservationId!);
    });

    it('reserves exactly the remaining credits when 200 admissions race for the last 5 (no HTTP in between)', async () => {
      const accountId = await meteredAccount();
      await grantBonus(accountId, 1_000);
      const generous: AdmissionLimits = { ...limits, ratePerMinute: 1_000, dailyCap: 5 };

      const results = await Promise.all(Array.from({ length: 200 }, () => admit(accountId, 1, generous)));

      const admitted = results.filter((result) => result.refusal === null);
      expect(admitted).toHaveLength(5);
      expect(results.filter((result) => result.refusal === 'daily_cap_reached')).toHaveLength(195);
      expect(await countersOf(t.db, accountId)).toMatchObject({ day_reserved: 5, admissions: 5 });
      expect(await bonusOf(accountId)).toEqual({ remaining: 1_000, reserved: 5 });
      await Promise.all(admitted.map((result) => repository.chargeReservation(result.reservationId!)));
      expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 5, day_reserved: 0 });
      expect(await bonusOf(accountId)).toEqual({ remaining: 995, reserved: 0 });
    });

    it('settles each reservation at most once: charge then return, or return then charge', async () => {
      const accountId = await meteredAccount();
      await grantBonus(accountId, 10);
      const a = await admit(accountId, 1);
      const b = await admit(accountId, 1);

      await expect(repository.chargeReservation(a.reservationId!)).resolves.not.toBeNull();
      await expect(repository.returnReservation(a.reservationId!)).resolves.toBeNull();
      await expect(repository.returnReservation(b.reservationId!)).resolves.not.toBeNull();
      await expect(repository.chargeReservation(b.reservationId!)).resolves.toBeNull();

      expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 1, day_reserved: 0 });
      expect(await bonusOf(accountId)).toEqual({ remaining: 9, reserved: 0 });
    });

    it('admits a multi-request statement of reservations and provisional charges side by side', async () => {
      const [withBonus, without] = await Promise.all([meteredAccount(), meteredAccount()]);
      await grantBonus(withBonus, 10);

      const [reserved, charged] = await admitAll([withBonus, without].map((accountId) => ({ request: requestFor(accountId, 2), limits })));

      expect([reserved.reservationId !== null, reserved.chargeId]).toEqual([true, null]);
      expect([charged.reservationId, charged.chargeId !== null]).toEqual([null, true]);
      expect(await countersOf(t.db, withBonus)).toMatchObject({ day_used: 0, day_reserved: 2 });
      expect(await countersOf(t.db, without)).toMatchObject({ day_used: 2, day_reserved: 0, included_used: 2 });
      await repository.chargeReservation(reserved.reservationId!);
      await repository.confirmCharges([charged.chargeId!]);
    });
  });

  describe('UTC day and period rollover', () => {
    it("reads yesterday's counters as zero and starts today's", async () => {
      const accountId = await meteredAccount();
      const first = await admit(accountId, 1);
      await repository.confirmCharges([first.chargeId!]);
      // Move the charge (ledger and counters alike) to yesterday: the books still balance.
      await t.db.query(`UPDATE billing_ledger SET usage_day = usage_day - 1 WHERE account_id = $1`, [accountId]);
      await t.db.query(
        `UPDATE billing_counters SET usage_day = usage_day - 1, day_used = 10 WHERE account_id = $1`,
        [accountId],
      );
      await t.db.query(
        `INSERT INTO billing_ledger (request_id, account_id, credential_kind, credential_id, route, credits,
                                     included_credits, overage_credits, usage_day, period_start, reserved_at, charged_at)
         SELECT 'yesterday', $1, 'api_key', 'k', 'GET /test', 9, 0, 9, usage_day, period_start, now(), now()
           FROM billing_counters WHERE account_id = $1`,
        [accountId],
      );
      await t.db.query(`UPDATE billing_counters SET overage_used = overage_used + 9 WHERE account_id = $1`, [accountId]);

      const today = await admit(accountId, 1);

      // Yesterday hit the cap of 10; today starts from 0 (and yesterday's overage stays in the period).
      expect(today.refusal).toBeNull();
      expect(today.counters.dayUsed).toBe(1);
      expect(today.counters.overageUsed).toBe(9);
      await repository.confirmCharges([today.chargeId!]);
    });

    it('charges a request reserved before midnight to the day it was reserved on', async () => {
      const accountId = await meteredAccount();
      await grantBonus(accountId, 1);
      const admitted = await admit(accountId, 2); // 1 bonus credit, 1 included
      // Midnight passes and another request moves the counters to the new day before this one finishes.
      await t.db.query(
        `UPDATE billing_counters SET usage_day = usage_day + 1, day_used = 0, day_reserved = 0 WHERE account_id = $1`,
        [accountId],
      );

      await repository.chargeReservation(admitted.reservationId!);

      const [row] = await t.db.query(
        `SELECT usage_day < (SELECT usage_day FROM billing_counters WHERE account_id = $1) AS earlier
           FROM billing_ledger WHERE account_id = $1`,
        [accountId],
      );
      expect(row.earlier).toBe(true);
      expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 0, day_reserved: 0, included_used: 1 });
    });

    it('refunds a charge made before midnight from the day it was made on only', async () => {
      const accountId = await meteredAccount();
      const admitted = await admit(accountId, 2);
      // As if charged yesterday, and midnight passed before the request failed: today's counters start at 0.
      await t.db.query(`UPDATE billing_ledger SET usage_day = usage_day - 1 WHERE account_id = $1`, [accountId]);
      await t.db.query(`UPDATE billing_counters SET day_used = 0 WHERE account_id = $1`, [accountId]);

      await expect(repository.refundCharge(admitted.chargeId!)).resolves.not.toBeNull();

      expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 0, included_used: 0 });
      expect(await ledgerOf(t.db, accountId)).toEqual([]);
    });
  });

  describe('expired provisional charges', () => {
    it('refunds an expired charge (a crashed process) once, and its late confirmation or refund changes nothing', async () => {
      const accountId = await meteredAccount();
      const admitted = await admit(accountId, 3);
      await expire('billing_pending_charges', 'ledger_id', admitted.chargeId!);

      const swept = await t.app.get(ExpiredAdmissionsSweeper).sweepNow();

      expect(swept).toBe(1);
      expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 0, included_used: 0 });
      await repository.confirmCharges([admitted.chargeId!]);
      await expect(repository.refundCharge(admitted.chargeId!)).resolves.toBeNull();
      expect(await ledgerOf(t.db, accountId)).toEqual([]);
    });
  });
});
