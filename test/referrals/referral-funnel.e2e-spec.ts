import { DataSource } from 'typeorm';
import { UsageQualificationWatcher } from '../../src/referrals/lifecycle/usage-qualification.watcher';
import { createAccountWithKey, createApiKey } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { ledgerDisagreements } from '../billing/support/billing-fixtures';
import { METERED, MeteredRoutesModule } from '../billing/support/metered-routes.module';
import { ReferralClient } from './support/referral-client';

/**
 * The whole program as it is used: link clicks from browsers, signups from the platform, a review, usage
 * through billing, admin actions, and then the stats. No row is written except through the API.
 */
describe('the referral funnel, end to end', () => {
  let t: TestApp;
  let client: ReferralClient;

  beforeAll(async () => {
    t = await createTestApp(
      { TRUST_PROXY: 'loopback', REFERRAL_MONTHLY_REWARD_CAP: '2', REFERRAL_QUALIFYING_CREDITS: '3', API_KEY_CACHE_TTL_MS: '0' },
      [MeteredRoutesModule],
    );
    client = new ReferralClient(t, (await createAccountWithKey(t.app, 'admin')).apiKey);
  });

  afterAll(() => t.close());

  it('produces the contract example: 42 clicks, 9 signups, 3 qualified, 1 review, 2 rewarded', async () => {
    const referrer = (await client.signup({ email: 'ada@example.com', signup_ip: '198.51.100.1' }).expect(201)).body.data.account;

    // 42 people follow the link from the launch newsletter.
    const tokens: string[] = [];
    for (let visitor = 1; visitor <= 42; visitor++) {
      const { response, token } = await client.click(referrer.referral_code, { ip: `203.0.113.${visitor}` }, {
        utm_source: 'newsletter',
        utm_campaign: 'launch',
      });
      expect(response.status).toBe(302);
      tokens.push(token!);
    }

    // 9 of them sign up; one with a throwaway address is held for review.
    const referrals: Array<{ id: string; status: string; referee_account_id: string }> = [];
    for (let visitor = 1; visitor <= 9; visitor++) {
      const email = visitor === 9 ? 'visitor9@mailinator.com' : `visitor${visitor}@example.org`;
      const response = await client.signup({ email, signup_ip: `203.0.113.${visitor}`, click_token: tokens[visitor - 1] }).expect(201);
      expect(response.body.data.attribution).toBe('cookie');
      referrals.push(response.body.data.referral);
    }
    expect(referrals.map((referral) => referral.status)).toEqual([...Array(8).fill('signed_up'), 'review_required']);

    // One referee qualifies by using the service: 3 credits charged through billing.
    const refereeKey = await createApiKey(t.app, referrals[0].referee_account_id);
    for (let i = 0; i < 3; i++) await t.http.get(`${METERED}/ok`).set('x-api-key', refereeKey).expect(200);
    await t.app.get(UsageQualificationWatcher).checksSettled();
    // Two more qualify by hand; the referrer's monthly cap is 2, so the third qualification is capped.
    await client.action(referrals[1].id, 'qualify').expect(200);
    const third = await client.action(referrals[2].id, 'qualify').expect(200);
    expect(third.body.data.status).toBe('capped');

    const stats = await client.stats({ campaign: 'launch' }).expect(200);

    expect(stats.body).toEqual({
      code: 200,
      msg: 'ok',
      data: {
        clicks: 42,
        attributed_signups: 9,
        qualified_referrals: 3,
        review_required: 1,
        rewarded_referrals: 2,
        capped_referrals: 1,
        rejected_referrals: 0,
        signup_rate: 0.214,
        qualification_rate: 0.333,
        reward_rate: 0.222,
      },
    });
    const first = await client.get(referrals[0].id).expect(200);
    expect(first.body.data.transitions.map((step: { to_status: string; reason: string | null }) => [step.to_status, step.reason])).toEqual([
      ['signed_up', null],
      ['qualified', 'credits_used'],
      ['rewarded', null],
    ]);
  });

  it('spends bonus credits before included credits, and shows them in usage', async () => {
    const referrer = (await client.signup({ email: 'bonus.referrer@example.com' }).expect(201)).body.data.account;
    await t.app.get(DataSource).query(`UPDATE accounts SET plan = 'starter' WHERE id = $1`, [referrer.id]);
    const referrerKey = await createApiKey(t.app, referrer.id);
    const referral = (await client.signup({ email: 'bonus.referee@example.org', referral_code: referrer.referral_code }).expect(201)).body.data.referral;
    await client.action(referral.id, 'qualify').expect(200);

    const before = (await t.http.get('/api/v1/account/usage').set('x-api-key', referrerKey).expect(200)).body.data;
    for (let i = 0; i < 4; i++) await t.http.get(`${METERED}/ok`).set('x-api-key', referrerKey).expect(200);
    const after = (await t.http.get('/api/v1/account/usage').set('x-api-key', referrerKey).expect(200)).body.data;

    expect(before.bonus).toEqual({ remaining: 1000, balances: [{ remaining: 1000, expires_at: expect.any(String) }] });
    expect(after.bonus.remaining).toBe(996);
    // The plan's included credits are untouched: the 4 credits came out of the bonus.
    expect(after.credits).toMatchObject({ used: 0, remaining: 20_000 });
    const ledger = await t.db.query(
      `SELECT sum(bonus_credits)::int AS bonus, sum(included_credits)::int AS included FROM billing_ledger WHERE account_id = $1`,
      [referrer.id],
    );
    expect(ledger).toEqual([{ bonus: 4, included: 0 }]);
    const expiry = new Date(before.bonus.balances[0].expires_at);
    const now = new Date();
    expect(expiry.toISOString()).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 3, 1)).toISOString());
    await expect(ledgerDisagreements(t.db)).resolves.toEqual([]);
  });

  it('does not charge a replayed idempotent request', async () => {
    const admin = await createAccountWithKey(t.app, 'admin');
    const adminClient = new ReferralClient(t, admin.apiKey);
    const charged = async () =>
      Number((await t.db.query(`SELECT coalesce(sum(credits), 0) AS c FROM billing_ledger WHERE account_id = $1`, [admin.accountId]))[0].c);

    const first = await adminClient.signup({ email: 'replayed@example.org' }, 'replay-1').expect(201);
    const afterFirst = await charged();
    const repeat = await adminClient.signup({ email: 'replayed@example.org' }, 'replay-1').expect(201);

    expect(first.headers['x-credits-charged']).toBe('1');
    expect(repeat.headers['x-credits-charged']).toBe('0');
    expect(await charged()).toBe(afterFirst);
  });
});
