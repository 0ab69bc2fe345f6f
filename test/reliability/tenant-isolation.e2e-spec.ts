import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { METERED, MeteredRoutesModule } from '../billing/support/metered-routes.module';

/** One account's key must never read or spend another account's data, whatever it sends. */
describe('tenant isolation', () => {
  let t: TestApp;
  let alice: { accountId: string; apiKey: string };
  let bob: { accountId: string; apiKey: string };

  beforeAll(async () => {
    t = await createTestApp({}, [MeteredRoutesModule]);
    alice = await createAccountWithKey(t.app, 'starter');
    bob = await createAccountWithKey(t.app, 'pro');
    await t.http.get(`${METERED}/ok`).set('x-api-key', bob.apiKey).expect(200);
  });

  afterAll(() => t.close());

  it("GET /api/v1/account/usage shows the caller's own account, whatever is asked for", async () => {
    const plain = await t.http.get('/api/v1/account/usage').set('x-api-key', alice.apiKey).expect(200);
    const spoofed = await t.http.get(`/api/v1/account/usage?account_id=${bob.accountId}&id=${bob.accountId}`).set('x-api-key', alice.apiKey);

    expect(plain.body.data).toMatchObject({ account_id: alice.accountId, plan: 'starter', credits: { used: 0 } });
    expect(JSON.stringify(spoofed.body)).not.toContain(`"account_id":"${bob.accountId}"`);
    expect(spoofed.body.data?.account_id ?? alice.accountId).toBe(alice.accountId);
  });

  it("GET /api/v1/account/referral shows the caller's own code", async () => {
    const [{ referral_code: aliceCode }] = await t.db.query(`SELECT referral_code FROM accounts WHERE id = $1`, [alice.accountId]);

    const response = await t.http.get('/api/v1/account/referral').set('x-api-key', alice.apiKey).expect(200);

    expect(response.body.data.referral_code).toBe(aliceCode);
  });

  it("another account's usage is an admin route: 403 for a customer key", async () => {
    const response = await t.http.get(`/api/v1/admin/accounts/${bob.accountId}/usage`).set('x-api-key', alice.apiKey).expect(403);

    expect(JSON.stringify(response.body)).not.toContain('"used"');
  });

  it("spends only the caller's credits", async () => {
    const ledgerOf = async (accountId: string) =>
      Number((await t.db.query(`SELECT coalesce(sum(credits), 0) AS c FROM billing_ledger WHERE account_id = $1`, [accountId]))[0].c);
    const bobBefore = await ledgerOf(bob.accountId);

    await t.http.get(`${METERED}/ok`).set('x-api-key', alice.apiKey).expect(200);

    expect(await ledgerOf(alice.accountId)).toBe(1);
    expect(await ledgerOf(bob.accountId)).toBe(bobBefore);
  });

  it('admin referral routes refuse customer keys', async () => {
    await t.http.get('/api/v1/admin/referrals').set('x-api-key', alice.apiKey).expect(403);
    await t.http.post('/api/v1/referrals/signups').set('x-api-key', alice.apiKey).send({ email: 'x@example.org' }).expect(403);
  });
});
