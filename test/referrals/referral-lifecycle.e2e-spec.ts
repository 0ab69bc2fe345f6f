import { runCommand } from '../../src/cli/commands';
import { signAttribution } from '../../src/referrals/clicks/attribution-cookie';
import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { ReferralClient } from './support/referral-client';

const SECRET = 'referral-secret-for-tests-0123456789abcdef';
const LANDING = 'https://crawlora.test/signup';

/** A referrer who joined through the signup endpoint, so its signup IP is known to the fraud rules. */
async function referrerVia(client: ReferralClient, email: string, ip: string) {
  const response = await client.signup({ email, signup_ip: ip }).expect(201);
  return response.body.data.account as { id: string; referral_code: string; email: string };
}

describe('referral lifecycle', () => {
  let t: TestApp;
  let client: ReferralClient;

  beforeAll(async () => {
    t = await createTestApp({
      TRUST_PROXY: 'loopback',
      REFERRAL_SECRET: SECRET,
      REFERRAL_LANDING_URL: LANDING,
      REFERRAL_CLICKS_PER_IP_PER_MINUTE: '5',
      REFERRAL_MAX_SIGNUPS_PER_IP_PER_DAY: '2',
    });
    client = new ReferralClient(t, (await createAccountWithKey(t.app, 'admin')).apiKey);
  });

  afterAll(() => t.close());

  const clickCount = async (code: string) =>
    Number((await t.db.query(`SELECT count(*) FROM referral_clicks WHERE referral_code = $1`, [code]))[0].count);

  describe('GET /r/:code', () => {
    let code: string;

    beforeAll(async () => {
      code = (await referrerVia(client, 'clicks.referrer@example.com', '198.51.100.1')).referral_code;
    });

    it('records the click with its UTM tags and redirects with a signed, HttpOnly cookie for 30 days', async () => {
      const { response, cookie } = await client.click(code, { ip: '203.0.113.10' }, {
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: 'spring_launch',
        utm_term: 'scraping api',
        utm_content: 'hero',
        fbclid: 'ignored-by-us',
      });

      expect(response.status).toBe(302);
      expect(response.headers.location).toBe(LANDING);
      expect(cookie).toMatch(/^crw_ref=\d+\.\d+\.[A-Za-z0-9_-]{43}; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax/);
      const [row] = await t.db.query(
        `SELECT utm_source, utm_medium, utm_campaign, utm_term, utm_content, ip_hash, visitor_hash
           FROM referral_clicks WHERE referral_code = $1 ORDER BY id DESC LIMIT 1`,
        [code],
      );
      expect(row).toMatchObject({
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: 'spring_launch',
        utm_term: 'scraping api',
        utm_content: 'hero',
      });
      expect(row.ip_hash).toHaveLength(32);
    });

    it('stores no raw IP anywhere in the click row', async () => {
      await client.click(code, { ip: '203.0.113.77' });

      const rows = await t.db.query(`SELECT row_to_json(c)::text AS row FROM referral_clicks c`);
      for (const { row } of rows) expect(row).not.toContain('203.0.113.77');
    });

    it('counts the same visitor clicking the same link again within 30 minutes once', async () => {
      const visitor = { ip: '203.0.113.11' };
      const before = await clickCount(code);

      const first = await client.click(code, visitor);
      const second = await client.click(code, visitor);

      expect(await clickCount(code)).toBe(before + 1);
      expect(second.response.status).toBe(302);
      expect(second.token?.split('.')[0]).toBe(first.token?.split('.')[0]);
    });

    it.each([
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
      'facebookexternalhit/1.1',
    ])('redirects but does not count %p', async (userAgent) => {
      const before = await clickCount(code);

      const { response, cookie } = await client.click(code, { ip: '203.0.113.12', userAgent });

      expect(response.status).toBe(302);
      expect(cookie).toBeUndefined();
      expect(await clickCount(code)).toBe(before);
    });

    it('redirects unknown codes without recording anything', async () => {
      const { response, cookie } = await client.click('NOPE1234', { ip: '203.0.113.13' });

      expect(response.status).toBe(302);
      expect(response.headers.location).toBe(LANDING);
      expect(cookie).toBeUndefined();
      expect(await clickCount('NOPE1234')).toBe(0);
    });

    it('stops counting an IP past the per-minute limit, and still redirects it', async () => {
      const before = await clickCount(code);
      const ip = '203.0.113.14';

      for (let i = 0; i < 8; i++) {
        const { response } = await client.click(code, { ip, userAgent: `Mozilla/5.0 visitor-${i}` });
        expect(response.status).toBe(302);
      }

      expect(await clickCount(code)).toBe(before + 5);
    });

    it.each(['https://evil.example/phish', '//evil.example/x', 'javascript:alert(1)', 'https://crawlora.test.evil.example/'])(
      'refuses to redirect to %p',
      async (target) => {
        const { response } = await client.click(code, { ip: '203.0.113.15' }, { to: target });

        expect(response.status).toBe(400);
        expect(response.headers.location).toBeUndefined();
        expect(response.body).toMatchObject({ code: 400, data: { errors: [{ field: 'to' }] } });
      },
    );

    it('allows a redirect to another page of the landing origin', async () => {
      const { response } = await client.click(code, { ip: '203.0.113.16' }, { to: '/pricing?plan=pro' });

      expect(response.status).toBe(302);
      expect(response.headers.location).toBe('https://crawlora.test/pricing?plan=pro');
    });
  });

  describe('POST /api/v1/referrals/signups', () => {
    let ada: { id: string; referral_code: string };
    let linus: { id: string; referral_code: string };

    beforeAll(async () => {
      ada = await referrerVia(client, 'ada.lovelace@gmail.com', '198.51.100.2');
      linus = await referrerVia(client, 'linus@example.com', '198.51.100.3');
    });

    it('attributes a signup to the click in its cookie, with the click campaign', async () => {
      const { token } = await client.click(ada.referral_code, { ip: '203.0.113.20' }, { utm_campaign: 'autumn' });

      const response = await client.signup({ email: 'cookie.user@example.org', signup_ip: '203.0.113.20', click_token: token }).expect(201);

      expect(response.body.data).toMatchObject({
        account: { email: 'cookie.user@example.org', plan: 'free', referral_code: expect.stringMatching(/^[A-Za-z0-9]{8}$/) },
        attribution: 'cookie',
        referral: {
          status: 'signed_up',
          referrer_account_id: ada.id,
          click_id: token!.split('.')[0],
          utm_campaign: 'autumn',
          signed_up_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
        },
      });
    });

    it('gives the signup to the last click: the cookie the browser holds', async () => {
      const visitor = { ip: '203.0.113.21' };
      await client.click(ada.referral_code, visitor, { utm_campaign: 'first' });
      const { token: lastToken } = await client.click(linus.referral_code, visitor, { utm_campaign: 'last' });

      const response = await client.signup({ email: 'last.click@example.org', click_token: lastToken, referral_code: ada.referral_code }).expect(201);

      expect(response.body.data.referral).toMatchObject({ referrer_account_id: linus.id, utm_campaign: 'last' });
    });

    it('ignores a tampered cookie and falls back to the referral code', async () => {
      const { token } = await client.click(ada.referral_code, { ip: '203.0.113.22' });
      const [clickId, issued, mac] = token!.split('.');
      const tampered = `${Number(clickId) + 1}.${issued}.${mac}`;

      const withCode = await client.signup({ email: 'tamper1@example.org', click_token: tampered, referral_code: linus.referral_code }).expect(201);
      const withoutCode = await client.signup({ email: 'tamper2@example.org', click_token: tampered }).expect(201);

      expect(withCode.body.data).toMatchObject({ attribution: 'referral_code', referral: { referrer_account_id: linus.id, click_id: null } });
      expect(withoutCode.body.data).toMatchObject({ attribution: 'none', referral: null });
    });

    it('ignores a cookie older than the attribution window', async () => {
      const { token } = await client.click(ada.referral_code, { ip: '203.0.113.23' });
      const clickId = token!.split('.')[0];
      const expired = signAttribution(clickId, new Date(Date.now() - 31 * 86_400_000), Buffer.from(SECRET));

      const response = await client.signup({ email: 'late@example.org', click_token: expired }).expect(201);

      expect(response.body.data).toMatchObject({ attribution: 'none', referral: null });
    });

    it('creates the account without a referral when nothing attributes it', async () => {
      const response = await client.signup({ email: 'organic@example.org' }).expect(201);

      expect(response.body.data).toMatchObject({ attribution: 'none', referral: null, account: { plan: 'free' } });
    });

    it('answers 409 for an email that already has an account', async () => {
      await client.signup({ email: 'twice@example.org' }).expect(201);

      const response = await client.signup({ email: 'TWICE@example.org' }).expect(409);

      expect(response.body.msg).toMatch(/already exists/);
    });

    it('creates nothing when a step fails: the account, its referral and their events are one transaction', async () => {
      const referrer = await referrerVia(client, 'atomic.referrer@example.com', '203.0.113.90');
      await t.db.query(`CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'event refused'; END $$`);
      await t.db.query(`CREATE TRIGGER refuse_event BEFORE INSERT ON webhook_events FOR EACH ROW EXECUTE FUNCTION refuse_event()`);
      try {
        // The account (AccountsService) and the referral are written before the signed_up event fails.
        await client.signup({ email: 'atomic@example.org', referral_code: referrer.referral_code }).expect(500);
      } finally {
        await t.db.query(`DROP TRIGGER refuse_event ON webhook_events`);
        await t.db.query(`DROP FUNCTION refuse_event()`);
      }

      expect(await t.db.query(`SELECT id FROM accounts WHERE lower(email) = 'atomic@example.org'`)).toEqual([]);
      expect(await t.db.query(`SELECT id FROM referrals WHERE referrer_account_id = $1`, [referrer.id])).toEqual([]);
      const retried = await client.signup({ email: 'atomic@example.org', referral_code: referrer.referral_code }).expect(201);
      expect(retried.body.data).toMatchObject({ attribution: 'referral_code', referral: { status: 'signed_up' } });
    });

    it.each([
      [{ email: 'not-an-email' }, 'email'],
      [{ email: 'x@example.org', signup_ip: '999.1.1.1' }, 'signup_ip'],
      [{ email: 'x@example.org', referral_code: 'bad code!' }, 'referral_code'],
      [{ email: 'x@example.org', admin: true }, 'admin'],
    ])('answers 400 for %p', async (body, field) => {
      const response = await client.signup(body).expect(400);

      expect(response.body).toMatchObject({ code: 400, msg: 'Invalid request body', data: { errors: [{ field }] } });
    });
  });

  describe('fraud rules', () => {
    let grace: { id: string; referral_code: string };

    beforeAll(async () => {
      grace = await referrerVia(client, 'grace.hopper+work@gmail.com', '198.51.100.4');
    });

    it('rejects a self-referral by normalized email, with its reason', async () => {
      const response = await client.signup({ email: 'Grace.Hopper+second@googlemail.com', referral_code: grace.referral_code }).expect(201);

      expect(response.body.data.referral).toMatchObject({
        status: 'rejected',
        rejection_reason: 'self_referral',
        rejected_at: response.body.data.referral.signed_up_at,
      });
    });

    it("holds a signup from the referrer's own IP for review", async () => {
      const response = await client.signup({ email: 'sameip@example.org', signup_ip: '198.51.100.4', referral_code: grace.referral_code }).expect(201);

      expect(response.body.data.referral).toMatchObject({ status: 'review_required', review_reason: 'same_ip_as_referrer' });
    });

    it('holds signups beyond the per-IP daily limit for review', async () => {
      const ip = '203.0.113.30';
      const statuses: string[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await client.signup({ email: `velocity${i}@example.org`, signup_ip: ip, referral_code: grace.referral_code }).expect(201);
        statuses.push(`${response.body.data.referral.status}:${response.body.data.referral.review_reason}`);
      }

      expect(statuses).toEqual(['signed_up:null', 'signed_up:null', 'review_required:ip_signup_velocity']);
    });

    it('holds a disposable email domain for review', async () => {
      const response = await client.signup({ email: 'burner@mailinator.com', referral_code: grace.referral_code }).expect(201);

      expect(response.body.data.referral).toMatchObject({ status: 'review_required', review_reason: 'disposable_email' });
    });
  });

  describe('review', () => {
    let referrer: { id: string; referral_code: string };
    const signupFor = async (email: string) =>
      (await client.signup({ email, referral_code: referrer.referral_code }).expect(201)).body.data.referral as {
        id: string;
        status: string;
      };

    beforeAll(async () => {
      referrer = await referrerVia(client, 'reviewed.referrer@example.com', '198.51.100.5');
    });

    it('approves a referral under review, and keeps who did what in its history', async () => {
      const held = await signupFor('held@mailinator.com');

      const approved = await client.action(held.id, 'approve').expect(200);
      const history = await client.get(held.id).expect(200);

      expect(approved.body.data).toMatchObject({ status: 'signed_up', review_required_at: expect.any(String) });
      expect(history.body.data.transitions).toEqual([
        expect.objectContaining({ from_status: null, to_status: 'review_required', reason: 'disposable_email', actor: expect.objectContaining({ kind: 'api_key' }) }),
        expect.objectContaining({ from_status: 'review_required', to_status: 'signed_up', actor: expect.objectContaining({ kind: 'api_key' }) }),
      ]);
    });

    it('rejects with a required reason', async () => {
      const referral = await signupFor('to.reject@example.org');

      await client.action(referral.id, 'reject', {}).expect(400);
      const rejected = await client.action(referral.id, 'reject', { reason: 'known reseller' }).expect(200);

      expect(rejected.body.data).toMatchObject({ status: 'rejected', rejection_reason: 'known reseller' });
    });

    it('qualifies and rewards by hand', async () => {
      const referral = await signupFor('to.qualify@example.org');

      const qualified = await client.action(referral.id, 'qualify').expect(200);

      expect(qualified.body.data).toMatchObject({ status: 'rewarded', qualified_at: expect.any(String), rewarded_at: expect.any(String) });
      const [grant] = await t.db.query(`SELECT account_id, credits FROM credit_grants WHERE referral_id = $1`, [referral.id]);
      expect(grant).toEqual({ account_id: referrer.id, credits: 1000 });
    });

    it.each([
      ['approve', 'signed_up'],
      ['qualify', 'review_required'],
      ['qualify', 'rejected'],
      ['approve', 'rejected'],
      ['reject', 'rewarded'],
      ['qualify', 'rewarded'],
    ] as const)('answers 409 to %s on a %s referral', async (action, state) => {
      const email = state === 'review_required' ? `illegal-${action}-${state}@mailinator.com` : `illegal-${action}-${state}@example.org`;
      const referral = await signupFor(email);
      if (state === 'rejected') await client.action(referral.id, 'reject', { reason: 'setup' }).expect(200);
      if (state === 'rewarded') await client.action(referral.id, 'qualify').expect(200);

      const response = await client.action(referral.id, action, { reason: 'x' }).expect(409);

      expect(response.body).toMatchObject({ code: 409, data: { request_id: expect.any(String), status: state, action } });
    });

    it('answers 404 for an unknown or malformed referral id', async () => {
      await client.action('00000000-0000-0000-0000-000000000000', 'approve').expect(404);
      await client.action('not-a-uuid', 'approve').expect(404);
      await client.get('00000000-0000-0000-0000-000000000000').expect(404);
    });

    it('lists with filters and a stable cursor, newest first', async () => {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const response = await client.list({ referrer: referrer.id, limit: 2, ...(cursor ? { cursor } : {}) }).expect(200);
        pages.push(response.body.data.items.map((item: { id: string }) => item.id));
        cursor = response.body.data.next_cursor ?? undefined;
      } while (cursor);

      const all = (await client.list({ referrer: referrer.id, limit: 100 }).expect(200)).body.data.items;
      expect(pages.flat()).toEqual(all.map((item: { id: string }) => item.id));
      expect(pages.every((page) => page.length <= 2)).toBe(true);
      expect(new Set(pages.flat()).size).toBe(all.length);
      const times = all.map((item: { signed_up_at: string }) => item.signed_up_at);
      expect([...times].sort().reverse()).toEqual(times);

      const underReview = (await client.list({ status: 'review_required' }).expect(200)).body.data.items;
      expect(underReview.length).toBeGreaterThan(0);
      expect(underReview.every((item: { status: string }) => item.status === 'review_required')).toBe(true);
    });

    it.each([
      ['status=waiting', 'status'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['referrer=abc', 'referrer'],
      ['cursor=bm9wZQ', 'cursor'],
      ['from=2026-01-01', 'from'],
    ])('answers 400 for %s', async (query, field) => {
      const response = await client.listRaw(query).expect(400);

      expect(response.body.data.errors[0].field).toBe(field);
    });
  });

  describe('qualification by plan', () => {
    it('qualifies and rewards a referral when its referee moves to a paying plan', async () => {
      const referrer = await referrerVia(client, 'plan.referrer@example.com', '198.51.100.7');
      const referral = (await client.signup({ email: 'upgrader@example.org', referral_code: referrer.referral_code }).expect(201)).body.data.referral;

      await runCommand(t.app, ['accounts:set-plan', '--account', referral.referee_account_id, '--plan', 'growth']);

      const after = await client.get(referral.id).expect(200);
      expect(after.body.data).toMatchObject({ status: 'rewarded', qualified_at: expect.any(String) });
      expect(after.body.data.transitions.map((step: { to_status: string; reason: string | null }) => [step.to_status, step.reason])).toEqual([
        ['signed_up', null],
        ['qualified', 'paid_plan'],
        ['rewarded', null],
      ]);
    });

    it('does not qualify a referral under review when its referee starts paying', async () => {
      const referrer = await referrerVia(client, 'plan.referrer2@example.com', '198.51.100.8');
      const referral = (await client.signup({ email: 'held.upgrader@mailinator.com', referral_code: referrer.referral_code }).expect(201)).body.data.referral;

      await runCommand(t.app, ['accounts:set-plan', '--account', referral.referee_account_id, '--plan', 'pro']);

      expect((await client.get(referral.id).expect(200)).body.data.status).toBe('review_required');
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first signup for a repeat and changes nothing', async () => {
      const first = await client.signup({ email: 'idempotent@example.org' }, 'signup-key-1').expect(201);
      const repeat = await client.signup({ email: 'idempotent@example.org' }, 'signup-key-1').expect(201);

      expect(repeat.body.data).toEqual(first.body.data);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      const [{ count }] = await t.db.query(`SELECT count(*) FROM accounts WHERE email = 'idempotent@example.org'`);
      expect(Number(count)).toBe(1);
    });

    it('refuses the same key for a different request with 422', async () => {
      await client.signup({ email: 'key-a@example.org' }, 'signup-key-2').expect(201);

      const response = await client.signup({ email: 'key-b@example.org' }, 'signup-key-2').expect(422);

      expect(response.body.msg).toMatch(/different request/);
    });

    it('replays a state change instead of answering 409 the second time', async () => {
      const referrer = await referrerVia(client, 'idem.referrer@example.com', '198.51.100.6');
      const referral = (await client.signup({ email: 'idem.referee@example.org', referral_code: referrer.referral_code }).expect(201)).body.data.referral;

      const first = await client.action(referral.id, 'qualify').set('Idempotency-Key', 'qualify-1').expect(200);
      const repeat = await client.action(referral.id, 'qualify').set('Idempotency-Key', 'qualify-1').expect(200);
      const withoutKey = await client.action(referral.id, 'qualify').expect(409);

      expect(repeat.body.data).toEqual(first.body.data);
      expect(withoutKey.body.data.status).toBe('rewarded');
      const [{ count }] = await t.db.query(`SELECT count(*) FROM credit_grants WHERE referral_id = $1`, [referral.id]);
      expect(Number(count)).toBe(1);
    });

    it('lets a failed request be retried with the same key', async () => {
      await client.signup({ email: 'retry@example.org', referral_code: 'bad code!' }, 'retry-key').expect(400);

      await client.signup({ email: 'retry@example.org' }, 'retry-key').expect(201);
    });
  });

  describe('GET /api/v1/account/referral', () => {
    it("shows any plan's own code, share link and referral results", async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'free');
      const [{ referral_code: code }] = await t.db.query(`SELECT referral_code FROM accounts WHERE id = $1`, [accountId]);
      await client.click(code, { ip: '203.0.113.40' });
      await client.click(code, { ip: '203.0.113.41' });
      const referral = (await client.signup({ email: 'own.funnel@example.org', referral_code: code }).expect(201)).body.data.referral;
      await client.action(referral.id, 'qualify').expect(200);

      const response = await t.http.get('/api/v1/account/referral').set('x-api-key', apiKey).expect(200);

      expect(response.body.data).toEqual({
        referral_code: code,
        share_url: `http://localhost:3000/r/${code}`,
        funnel: { clicks: 2, signups: 1, qualified: 1, rewarded: 1, capped: 0, credits_earned: 1000 },
      });
    });
  });
});

describe('monthly reward cap under concurrency', () => {
  let t: TestApp;
  let client: ReferralClient;

  beforeAll(async () => {
    t = await createTestApp({ REFERRAL_MONTHLY_REWARD_CAP: '10', REFERRAL_SECRET: SECRET });
    client = new ReferralClient(t, (await createAccountWithKey(t.app, 'admin')).apiKey);
  });

  afterAll(() => t.close());

  it('rewards exactly 10 of 20 referrals of one referrer qualifying at the same instant, and caps 10', async () => {
    const referrer = (await client.signup({ email: 'busy.referrer@example.com' }).expect(201)).body.data.account;
    const referrals: Array<{ id: string }> = [];
    for (let i = 0; i < 20; i++) {
      referrals.push((await client.signup({ email: `wave${i}@example.org`, referral_code: referrer.referral_code }).expect(201)).body.data.referral);
    }

    const responses = await Promise.all(referrals.map((referral) => client.action(referral.id, 'qualify')));

    const statuses = responses.map((response) => response.body.data.status);
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(statuses.filter((status) => status === 'rewarded')).toHaveLength(10);
    expect(statuses.filter((status) => status === 'capped')).toHaveLength(10);
    const [{ grants, credits }] = await t.db.query(
      `SELECT count(*)::int AS grants, sum(credits)::int AS credits FROM credit_grants WHERE account_id = $1`,
      [referrer.id],
    );
    expect({ grants, credits }).toEqual({ grants: 10, credits: 10_000 });
    const stats = await client.stats().expect(200);
    expect(stats.body.data).toMatchObject({ qualified_referrals: 20, rewarded_referrals: 10, capped_referrals: 10 });
  });
});
