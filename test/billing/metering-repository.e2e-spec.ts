import { MeteringRepository } from '../../src/billing/metering.repository';
import type { AdmissionLimits, AdmissionRequest } from '../../src/billing/metering.types';
import { ReservationSweeper } from '../../src/billing/reservation-sweeper.service';
import { createAccount } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { countersOf, ledgerDisagreements, ledgerOf } from './support/billing-fixtures';

/** The metering statements on the real database, with timestamps placed where HTTP tests cannot put them. */
describe('MeteringRepository', () => {
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

  /** Replaces the account's admission log with times `secondsAgo` before the database's now(). */
  const setAdmissionLog = (accountId: string, secondsAgo: number[]) =>
    t.db.query(
      `UPDATE billing_counters
          SET recent_admissions = ARRAY(SELECT now() - s * interval '1 second' FROM unnest($2::float8[]) s ORDER BY 1)
        WHERE account_id = $1`,
      [accountId, secondsAgo],
    );

  beforeAll(async () => {
    t = await createTestApp();
    repository = t.app.get(MeteringRepository);
  });

  afterEach(async () => {
    expect(await ledgerDisagreements(t.db)).toEqual([]);
  });

  afterAll(() => t.close());

  describe('the per-minute limit is a rolling 60 s window', () => {
    it('refuses while the 5th latest admission is under 60 s old, whatever the calendar minute', async () => {
      const accountId = await createAccount(t.db, { plan: 'free' });
      await repository.admit(requestFor(accountId, 0), limits, 60_000);
      await setAdmissionLog(accountId, [59, 50, 40, 30, 1]);

      const result = await repository.admit(requestFor(accountId, 0), limits, 60_000);

      expect(result.refusal).toBe('rate_limited');
      // The blocking admission is the one 59 s ago: it leaves the window in about a second.
      const waitMs = result.blockingAdmission!.getTime() + 60_000 - result.counters.now.getTime();
      expect(waitMs).toBeGreaterThan(0);
      expect(waitMs).toBeLessThanOrEqual(1_100);
      expect(result.counters.minuteCount).toBe(5);
      expect(await countersOf(t.db, accountId)).toMatchObject({ admissions: 5 });
    });

    it('admits once the 5th latest admission is 60 s old, and keeps only the latest 5', async () => {
      const accountId = await createAccount(t.db, { plan: 'free' });
      await repository.admit(requestFor(accountId, 0), limits, 60_000);
      await setAdmissionLog(accountId, [120, 61, 50, 40, 30, 1]);

      const admitted = await repository.admit(requestFor(accountId, 0), limits, 60_000);
      const next = await repository.admit(requestFor(accountId, 0), limits, 60_000);

      expect(admitted.refusal).toBeNull();
      expect(admitted.counters.minuteCount).toBe(5);
      expect(next.refusal).toBe('rate_limited');
      expect(await countersOf(t.db, accountId)).toMatchObject({ admissions: 5 });
    });

    it('never holds more than N admissions in any 60 s span, unlike a fixed window at a minute boundary', async () => {
      // A fixed window would admit 5 at hh:mm:59 and 5 more at hh:(mm+1):00. Here: 5 admissions 2 s ago, so
      // nothing is admitted for another 58 s, minute boundary or not.
      const accountId = await createAccount(t.db, { plan: 'free' });
      await repository.admit(requestFor(accountId, 0), limits, 60_000);
      await setAdmissionLog(accountId, [2, 2, 2, 2, 2]);

      const results = await Promise.all(
        Array.from({ length: 10 }, () => repository.admit(requestFor(accountId, 0), limits, 60_000)),
      );

      expect(results.every((result) => result.refusal === 'rate_limited')).toBe(true);
    });
  });

  describe('reservations', () => {
    it('returns the credits of an expired reservation (a crashed process) and charges nothing', async () => {
      const accountId = await createAccount(t.db, { plan: 'free' });
      const admitted = await repository.admit(requestFor(accountId, 2), limits, 1);
      expect(await countersOf(t.db, accountId)).toMatchObject({ day_reserved: 2, included_reserved: 2 });
      await new Promise((resolve) => setTimeout(resolve, 20));

      const swept = await t.app.get(ReservationSweeper).sweepNow();

      expect(swept).toBe(1);
      expect(await countersOf(t.db, accountId)).toMatchObject({
        day_used: 0,
        day_reserved: 0,
        included_used: 0,
        included_reserved: 0,
      });
      // The process comes back after all: its late commit finds nothing to charge.
      await expect(repository.commit(admitted.reservationId!)).resolves.toBeNull();
      expect(await ledgerOf(t.db, accountId)).toEqual([]);
    });

    it('leaves unexpired reservations alone', async () => {
      const accountId = await createAccount(t.db, { plan: 'free' });
      const admitted = await repository.admit(requestFor(accountId, 1), limits, 60_000);

      await t.app.get(ReservationSweeper).sweepNow();

      expect(await countersOf(t.db, accountId)).toMatchObject({ day_reserved: 1 });
      await repository.release(admitted.reservationId!);
    });

    it('counts reserved credits against the cap, so requests in flight cannot overshoot it', async () => {
      const accountId = await createAccount(t.db, { plan: 'free' });
      const inFlight = await repository.admit(requestFor(accountId, 9), limits, 60_000);

      const refused = await repository.admit(requestFor(accountId, 2), limits, 60_000);
      await repository.release(inFlight.reservationId!);
      const admittedAfterRelease = await repository.admit(requestFor(accountId, 2), limits, 60_000);

      expect(refused.refusal).toBe('daily_cap_reached');
      expect(admittedAfterRelease.refusal).toBeNull();
      await repository.commit(admittedAfterRelease.reservationId!);
    });

    it('reserves exactly the remaining credits when 200 admissions race for the last 5 (no HTTP in between)', async () => {
      const accountId = await createAccount(t.db, { plan: 'free' });
      const generous: AdmissionLimits = { ...limits, ratePerMinute: 1_000, dailyCap: 5 };
      await repository.admit(requestFor(accountId, 0), generous, 60_000); // creates the counters row

      const results = await Promise.all(
        Array.from({ length: 200 }, () => repository.admit(requestFor(accountId, 1), generous, 60_000)),
      );

      const admitted = results.filter((result) => result.refusal === null);
      expect(admitted).toHaveLength(5);
      expect(results.filter((result) => result.refusal === 'daily_cap_reached')).toHaveLength(195);
      expect(await countersOf(t.db, accountId)).toMatchObject({ day_reserved: 5, included_reserved: 5, admissions: 6 });
      await Promise.all(admitted.map((result) => repository.commit(result.reservationId!)));
      expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 5, day_reserved: 0 });
    });

    it('settles each reservation at most once: commit then release, or release then commit', async () => {
      const accountId = await createAccount(t.db, { plan: 'free' });
      const a = await repository.admit(requestFor(accountId, 1), limits, 60_000);
      const b = await repository.admit(requestFor(accountId, 1), limits, 60_000);

      await expect(repository.commit(a.reservationId!)).resolves.not.toBeNull();
      await expect(repository.release(a.reservationId!)).resolves.toBeNull();
      await expect(repository.release(b.reservationId!)).resolves.not.toBeNull();
      await expect(repository.commit(b.reservationId!)).resolves.toBeNull();

      expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 1, day_reserved: 0, included_used: 1 });
    });
  });

  describe('UTC day and period rollover', () => {
    it("reads yesterday's counters as zero and starts today's", async () => {
      const accountId = await createAccount(t.db, { plan: 'free' });
      const first = await repository.admit(requestFor(accountId, 1), limits, 60_000);
      await repository.commit(first.reservationId!);
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

      const today = await repository.admit(requestFor(accountId, 1), limits, 60_000);

      // Yesterday hit the cap of 10; today starts from 0 (and yesterday's overage stays in the period).
      expect(today.refusal).toBeNull();
      expect(today.counters.dayUsed).toBe(0);
      expect(today.counters.dayReserved).toBe(1);
      await repository.commit(today.reservationId!);
    });

    it('charges a request reserved before midnight to the day it was reserved on', async () => {
      const accountId = await createAccount(t.db, { plan: 'free' });
      const admitted = await repository.admit(requestFor(accountId, 1), limits, 60_000);
      // Midnight passes and another request moves the counters to the new day before this one finishes.
      await t.db.query(
        `UPDATE billing_counters SET usage_day = usage_day + 1, day_used = 0, day_reserved = 0 WHERE account_id = $1`,
        [accountId],
      );

      await repository.commit(admitted.reservationId!);

      const [row] = await t.db.query(
        `SELECT usage_day < (SELECT usage_day FROM billing_counters WHERE account_id = $1) AS earlier
           FROM billing_ledger WHERE account_id = $1`,
        [accountId],
      );
      expect(row.earlier).toBe(true);
      expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 0, day_reserved: 0, included_used: 1 });
    });
  });
});
