import { signAttribution } from '../../src/referrals/clicks/attribution-cookie';
import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { ReferralClient } from './support/referral-client';

const SECRET = 'referral-secret-for-time-tests-0123456789';

/**
 * The referral program's time windows, decided by the production statements on the real database: stored rows
 * are moved across each boundary (a minute either side), since the statements read PostgreSQL's now().
 */
describe('referral time boundaries', () => {
  let t: TestApp;
  let client: ReferralClient;
  let referrer: { id: string; referral_code: string };

  beforeAll(async () => {
    t = await createTestApp({
      TRUST_PROXY: 'loopback',
      REFERRAL_SECRET: SECRET,
      REFERRAL_MAX_SIGNUPS_PER_IP_PER_DAY: '2',
      REFERRAL_MONTHLY_REWARD_CAP: '1',
      REFERRAL_CLICKS_PER_IP_PER_MINUTE: '1000',
    });
    client = new ReferralClient(t, (await createAccountWithKey(t.app, 'admin')).apiKey);
    referrer = (await client.signup({ email: 'time.referrer@example.com' }).expect(201)).body.data.account;
  });

  afterAll(() => t.close());

  const moveClick = (clickId: string, minutesAgo: number) =>
    t.db.query(`UPDATE referral_clicks SET created_at = now() - make_interval(mins => $2) WHERE id = $1`, [clickId, minutesAgo]);

  describe('the 30-day attribution window, on the click itself', () => {
    it.each([
      [30 * 1440 - 1, 'cookie'],
      [30 * 1440 + 1, 'none'],
    ])('a click %i minutes old, in a freshly issued cookie, attributes the signup: %s', async (minutesAgo, attribution) => {
      const { token } = await client.click(referrer.referral_code, { ip: `203.0.113.${minutesAgo % 200}` });
      const clickId = token!.split('.')[0];
      await moveClick(clickId, minutesAgo);
      // A repeat click inside the dedupe window re-issues the cookie for the old click: the cookie is young.
      const fresh = signAttribution(clickId, new Date(), Buffer.from(SECRET));

      const response = await client.signup({ email: `attribution-${minutesAgo}@example.org`, click_token: fresh }).expect(201);

      expect(response.body.data.attribution).toBe(attribution);
    });
  });

  describe('the 30-minute click de-duplication', () => {
    it.each([
      [29, false],
      [31, true],
    ])('a repeat click %i minutes after the first is counted: %s', async (minutesAgo, counted) => {
      const visitor = { ip: `198.51.100.${minutesAgo}` };
      const first = await client.click(referrer.referral_code, visitor);
      const firstId = first.token!.split('.')[0];
      await moveClick(firstId, minutesAgo);
      const [{ before }] = await t.db.query(`SELECT count(*)::int AS before FROM referral_clicks`);

      const second = await client.click(referrer.referral_code, visitor);

      const [{ after }] = await t.db.query(`SELECT count(*)::int AS after FROM referral_clicks`);
      expect({ counted: after === before + 1, sameClick: second.token!.split('.')[0] === firstId }).toEqual({ counted, sameClick: !counted });
    });
  });

  describe('the 24-hour signup velocity per IP', () => {
    it.each([
      [23 * 60 + 59, 'review_required'],
      [24 * 60 + 1, 'signed_up'],
    ])('two earlier referred signups from the IP, %i minutes ago, leave a third: %s', async (minutesAgo, status) => {
      const ip = `192.0.2.${minutesAgo % 250}`;
      for (let i = 0; i < 2; i++) {
        await client.signup({ email: `velocity-${minutesAgo}-${i}@example.org`, signup_ip: ip, referral_code: referrer.referral_code }).expect(201);
      }
      await t.db.query(
        `UPDATE referrals SET signed_up_at = now() - make_interval(mins => $2)
          WHERE referee_account_id IN (SELECT id FROM accounts WHERE email LIKE $1)`,
        [`velocity-${minutesAgo}-%`, minutesAgo],
      );

      const third = await client.signup({ email: `velocity-${minutesAgo}-third@example.org`, signup_ip: ip, referral_code: referrer.referral_code }).expect(201);

      expect(third.body.data.referral.status).toBe(status);
    });
  });

  describe("the reward cap's monthly reset (cap 1 a month here)", () => {
    it("caps a second reward in the same UTC month, and rewards again once the first is last month's", async () => {
      const capped = (await client.signup({ email: 'cap-owner@example.com' }).expect(201)).body.data.account;
      const refer = async (name: string) =>
        (await client.signup({ email: `${name}@example.org`, referral_code: capped.referral_code }).expect(201)).body.data.referral.id as string;
      const [a, b, c] = [await refer('cap-a'), await refer('cap-b'), await refer('cap-c')];

      const first = (await client.action(a, 'qualify').expect(200)).body.data.status;
      const second = (await client.action(b, 'qualify').expect(200)).body.data.status;
      // The month turns: this month's count becomes last month's.
      await t.db.query(`UPDATE referral_reward_counts SET month = (month - interval '1 month')::date WHERE referrer_account_id = $1`, [capped.id]);
      const third = (await client.action(c, 'qualify').expect(200)).body.data.status;

      expect([first, second, third]).toEqual(['rewarded', 'capped', 'rewarded']);
    });
  });
});
