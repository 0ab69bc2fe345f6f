import { AdmissionBatcher } from '../../src/billing/metering/admission-batcher';
import { ExpiredAdmissionsSweeper } from '../../src/billing/metering/expired-admissions.sweeper';
import { MeteringRepository } from '../../src/billing/metering/metering.repository';
import type { AdmissionLimits, AdmissionRequest, BatchedAdmission } from '../../src/billing/metering/metering.types';
import { createAccount } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { countersOf, ledgerDisagreements, ledgerOf } from './support/billing-fixtures';

/**
 * The one-round-trip path: admissions grouped into one statement that also charges (provisionally), then a
 * confirmation after a 2xx, a refund after an error, or the sweeper's refund when the process died.
 */
describe('Batched admission with provisional charges', () => {
  let t: TestApp;
  let repository: MeteringRepository;
  let batcher: AdmissionBatcher;

  const limits: AdmissionLimits = { ratePerMinute: 1_000, dailyCap: 5, includedCredits: 100, overageAllowed: false };
  const requestFor = (accountId: string, credits = 1): AdmissionRequest => ({
    accountId,
    credits,
    requestId: `req-${Math.random()}`,
    credential: { kind: 'api_key', id: 'key-1' },
    route: 'GET /test',
  });
  const pendingOf = async (accountId: string): Promise<number> =>
    Number((await t.db.query(`SELECT count(*) AS n FROM billing_pending_charges WHERE account_id = $1`, [accountId]))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    repository = t.app.get(MeteringRepository);
    batcher = t.app.get(AdmissionBatcher);
  });

  afterEach(async () => {
    expect(await ledgerDisagreements(t.db)).toEqual([]);
  });

  afterAll(() => t.close());

  it('charges at admission: ledger and counters hold the charge while the request runs, marked pending', async () => {
    const accountId = await createAccount(t.db, { plan: 'free' });

    const [result] = await repository.admitBatch([{ request: requestFor(accountId, 2), limits }]);

    expect(result).toMatchObject({ missing: true });
    await repository.ensureCounters([accountId]);
    const [admitted] = await repository.admitBatch([{ request: requestFor(accountId, 2), limits }]);
    if (admitted.missing) throw new Error('counters row still missing');
    expect(admitted.refusal).toBeNull();
    expect(admitted.chargeId).toEqual(expect.any(String));
    expect(admitted.reservationId).toBeNull();
    expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 2, day_reserved: 0, included_used: 2 });
    expect(await ledgerOf(t.db, accountId)).toHaveLength(1);
    expect(await pendingOf(accountId)).toBe(1);

    await repository.confirmCharges([admitted.chargeId!]);

    expect(await pendingOf(accountId)).toBe(0);
    // A refund after the confirmation changes nothing: each charge is settled once.
    await expect(repository.refundCharge(admitted.chargeId!)).resolves.toBeNull();
    expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 2, included_used: 2 });
  });

  it('refunds a failed request: the ledger row goes and the counters return to where they were', async () => {
    const accountId = await createAccount(t.db, { plan: 'free' });
    await repository.ensureCounters([accountId]);
    const [admitted] = await repository.admitBatch([{ request: requestFor(accountId), limits }]);
    if (admitted.missing) throw new Error('counters row missing');

    await expect(repository.refundCharge(admitted.chargeId!)).resolves.not.toBeNull();
    await expect(repository.refundCharge(admitted.chargeId!)).resolves.toBeNull();
    await repository.confirmCharges([admitted.chargeId!]); // a late confirmation finds nothing

    expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 0, included_used: 0, admissions: 1 });
    expect(await ledgerOf(t.db, accountId)).toEqual([]);
    expect(await pendingOf(accountId)).toBe(0);
  });

  it("refunds a dead process's unconfirmed charges at expiry, and keeps confirmed ones", async () => {
    const accountId = await createAccount(t.db, { plan: 'free' });
    await repository.ensureCounters([accountId]);
    const [served] = await repository.admitBatch([{ request: requestFor(accountId), limits }]);
    const [inFlight] = await repository.admitBatch([{ request: requestFor(accountId), limits }]);
    if (served.missing || inFlight.missing) throw new Error('counters row missing');
    await repository.confirmCharges([served.chargeId!]);
    // Time travel: both markers' processes are presumed dead (the confirmed one's marker is gone already).
    await t.db.query(`UPDATE billing_pending_charges SET expires_at = now() - interval '1 second' WHERE account_id = $1`, [accountId]);

    await t.app.get(ExpiredAdmissionsSweeper).sweepNow();

    expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 1, included_used: 1, day_reserved: 0 });
    expect(await ledgerOf(t.db, accountId)).toHaveLength(1);
    // The process comes back after all: neither its refund nor its confirmation charges anything again.
    await expect(repository.refundCharge(inFlight.chargeId!)).resolves.toBeNull();
    await repository.confirmCharges([inFlight.chargeId!]);
    expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 1, included_used: 1 });
  });

  it('decides each account of one statement from its own counters', async () => {
    const full = await createAccount(t.db, { plan: 'free' });
    const fresh = await createAccount(t.db, { plan: 'free' });
    await repository.ensureCounters([full, fresh]);
    const batchOf = (accounts: string[]): BatchedAdmission[] =>
      accounts.map((accountId) => ({ request: requestFor(accountId, 5), limits }));
    const [first] = await repository.admitBatch(batchOf([full]));
    if (first.missing) throw new Error('counters row missing');

    const [refused, admitted] = await repository.admitBatch(batchOf([full, fresh]), [first.chargeId!]);

    expect(refused).toMatchObject({ missing: false, refusal: 'daily_cap_reached', chargeId: null });
    expect(admitted).toMatchObject({ missing: false, refusal: null, chargeId: expect.any(String) });
    expect(await pendingOf(full)).toBe(0); // confirmed by the same statement
    if (!admitted.missing) await repository.confirmCharges([admitted.chargeId!]);
  });

  it('confirms by riding along with the admission statements under load, and alone only once idle', async () => {
    const accounts = await Promise.all(Array.from({ length: 20 }, () => createAccount(t.db, { plan: 'free' })));
    await repository.ensureCounters(accounts);
    const unlimited: AdmissionLimits = { ...limits, dailyCap: null, includedCredits: 1_000 };
    const alone = jest.spyOn(repository, 'confirmCharges');
    // Each admission statement stays in flight 10 ms, as under load (longer than a confirmation waits).
    const admitBatch = repository.admitBatch.bind(repository);
    const statements = jest.spyOn(repository, 'admitBatch').mockImplementation(async (batch, confirmations) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return admitBatch(batch, confirmations);
    });
    try {
      // 20 clients, each admitted, served in 0-6 ms (so responses, and their confirmations, come while the next
      // admission statement is in flight), then admitted again: admissions keep coming until one client is done.
      let aloneUnderLoad: number | undefined;
      await Promise.all(
        accounts.map(async (accountId, client) => {
          for (let i = 0; i < 10; i++) {
            const admitted = await batcher.admit(requestFor(accountId), unlimited);
            await new Promise((resolve) => setTimeout(resolve, (client % 4) * 2));
            batcher.confirm(admitted.chargeId!);
          }
          aloneUnderLoad ??= alone.mock.calls.length;
        }),
      );

      expect(aloneUnderLoad).toBe(0);
      const carrying = statements.mock.calls.filter(([batch, confirmations]) => batch.length > 0 && (confirmations ?? []).length > 0);
      expect(carrying.length).toBeGreaterThan(0);
      const idle = new Promise((resolve) => setTimeout(resolve, 100));
      await idle;
      // The last rounds' confirmations: no admission came, so they went alone.
      expect(alone).toHaveBeenCalled();
      expect(Number((await t.db.query(`SELECT count(*) AS n FROM billing_pending_charges`))[0].n)).toBe(0);
    } finally {
      alone.mockRestore();
      statements.mockRestore();
    }
  });

  it('admits exactly the cap when many requests of several accounts arrive together (duplicates queued)', async () => {
    const accounts = await Promise.all([0, 1, 2].map(() => createAccount(t.db, { plan: 'free' })));

    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) => batcher.admit(requestFor(accounts[i % 3]), limits)),
    );

    for (const [index, accountId] of accounts.entries()) {
      const own = results.filter((_, i) => i % 3 === index);
      expect(own.filter((result) => result.refusal === null)).toHaveLength(5);
      expect(own.filter((result) => result.refusal === 'daily_cap_reached')).toHaveLength(45);
      expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 5, day_reserved: 0, admissions: 5 });
    }
    for (const result of results) if (result.chargeId) batcher.confirm(result.chargeId);
    await batcher.drain();
    expect(Number((await t.db.query(`SELECT count(*) AS n FROM billing_pending_charges`))[0].n)).toBe(0);
  });
});
