import { DemoSeedService } from '../../src/demo/demo-seed.service';
import { createAccountWithKey } from '../support/auth-fixtures';
import { CONTRACT_EXAMPLE } from '../support/contract-example';
import { FunnelFixtures } from '../support/funnel-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

const STATS = '/api/v1/admin/referrals/stats';

const ZERO_FUNNEL = {
  clicks: 0,
  attributed_signups: 0,
  qualified_referrals: 0,
  review_required: 0,
  rewarded_referrals: 0,
  capped_referrals: 0,
  rejected_referrals: 0,
  signup_rate: 0,
  qualification_rate: 0,
  reward_rate: 0,
};

describe('GET /api/v1/admin/referrals/stats', () => {
  let t: TestApp;
  let fixtures: FunnelFixtures;
  let referrer: string;
  let adminKey: string;

  beforeEach(async () => {
    t = await createTestApp();
    fixtures = new FunnelFixtures(t.db);
    referrer = await fixtures.account('pro');
    adminKey = (await createAccountWithKey(t.app, 'admin')).apiKey;
  });

  afterEach(() => t.close());

  const get = (path: string) => t.http.get(path).set('x-api-key', adminKey);
  const stats = (query: Record<string, string> | string = {}) => get(STATS).query(query);

  describe('counts', () => {
    it('returns the contract example from 42 clicks, 9 signups, 3 qualified, 1 review and 2 rewarded', async () => {
      const day = '2026-10-0';
      await fixtures.clicksAt(referrer, '2026-10-01T08:00:00Z', 42, 'launch');
      for (let i = 1; i <= 9; i++) {
        const signedUpAt = `${day}${i}T09:00:00Z`;
        await fixtures.referral(referrer, {
          campaign: 'launch',
          signedUpAt,
          reviewRequiredAt: i === 4 ? signedUpAt : undefined,
          qualifiedAt: i <= 3 ? `${day}${i}T10:00:00Z` : undefined,
          rewardedAt: i <= 2 ? `${day}${i}T11:00:00Z` : undefined,
        });
      }

      const response = await stats().expect(200);

      expect(response.body).toEqual({ code: 200, msg: 'ok', data: CONTRACT_EXAMPLE });
    });

    it('returns the contract example from the demo data, read with the demo admin key', async () => {
      const fresh = await createTestApp();
      try {
        const demo = await fresh.app.get(DemoSeedService).seedIfEmpty();
        await expect(fresh.app.get(DemoSeedService).seedIfEmpty()).resolves.toBeNull();

        const response = await fresh.http.get(STATS).set('x-api-key', demo!.adminApiKey).expect(200);

        expect(response.body.data).toEqual(CONTRACT_EXAMPLE);
      } finally {
        await fresh.close();
      }
    });

    it('returns all ten fields as zeros on an empty database', async () => {
      const response = await stats().expect(200);

      expect(response.body).toEqual({ code: 200, msg: 'ok', data: ZERO_FUNNEL });
    });

    it('counts each stage by its own timestamp, not by the signup time', async () => {
      // Signed up in September, qualified, rewarded and capped/rejected in October.
      await fixtures.referral(referrer, {
        signedUpAt: '2026-09-30T23:00:00Z',
        qualifiedAt: '2026-10-02T00:00:00Z',
        rewardedAt: '2026-10-03T00:00:00Z',
      });
      await fixtures.referral(referrer, {
        signedUpAt: '2026-09-29T00:00:00Z',
        qualifiedAt: '2026-10-04T00:00:00Z',
        cappedAt: '2026-10-04T00:00:01Z',
      });
      await fixtures.referral(referrer, {
        signedUpAt: '2026-09-28T00:00:00Z',
        reviewRequiredAt: '2026-09-28T00:00:00Z',
        rejectedAt: '2026-10-05T00:00:00Z',
      });

      const october = await stats({ from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }).expect(200);
      const september = await stats({ from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' }).expect(200);

      expect(october.body.data).toMatchObject({
        attributed_signups: 0,
        qualified_referrals: 2,
        rewarded_referrals: 1,
        capped_referrals: 1,
        rejected_referrals: 1,
        review_required: 0,
        qualification_rate: 0,
      });
      expect(september.body.data).toMatchObject({
        attributed_signups: 3,
        review_required: 1,
        qualified_referrals: 0,
        rewarded_referrals: 0,
        capped_referrals: 0,
        rejected_referrals: 0,
      });
    });
  });

  describe('window', () => {
    beforeEach(async () => {
      await fixtures.clicks(referrer, [
        '2026-10-01T00:00:00Z', // exactly at `from`: counts
        '2026-10-01T11:59:59.999999Z',
        '2026-10-01T12:00:00Z', // exactly at `to`: does not count
        '2026-09-30T23:59:59.999999Z', // a microsecond before `from`: does not count
      ]);
      await fixtures.referral(referrer, { signedUpAt: '2026-10-01T00:00:00Z', qualifiedAt: '2026-10-01T12:00:00Z' });
      await fixtures.referral(referrer, { signedUpAt: '2026-10-01T12:00:00Z' });
    });

    it('includes events exactly at `from` and excludes events exactly at `to`', async () => {
      const response = await stats({ from: '2026-10-01T00:00:00Z', to: '2026-10-01T12:00:00Z' }).expect(200);

      expect(response.body.data).toMatchObject({ clicks: 2, attributed_signups: 1, qualified_referrals: 0 });
    });

    it('treats the same instant written with +05:30 and with Z alike', async () => {
      const utc = await stats({ from: '2026-10-01T00:00:00Z', to: '2026-10-01T12:00:00Z' }).expect(200);
      const india = await stats({ from: '2026-10-01T05:30:00+05:30', to: '2026-10-01T17:30:00+05:30' }).expect(200);
      const negative = await stats({ from: '2026-09-30T20:00:00-04:00', to: '2026-10-01T08:00:00-04:00' }).expect(200);

      expect(india.body.data).toEqual(utc.body.data);
      expect(negative.body.data).toEqual(utc.body.data);
    });

    it('honours fractional seconds to the microsecond', async () => {
      const response = await stats({ from: '2026-10-01T11:59:59.999999Z', to: '2026-10-01T12:00:00.000001Z' }).expect(
        200,
      );

      expect(response.body.data).toMatchObject({ clicks: 2, attributed_signups: 1, qualified_referrals: 1 });
    });

    it('treats a missing bound as unbounded', async () => {
      const onlyFrom = await stats({ from: '2026-10-01T00:00:00Z' }).expect(200);
      const onlyTo = await stats({ to: '2026-10-01T00:00:00Z' }).expect(200);

      expect(onlyFrom.body.data).toMatchObject({ clicks: 3, attributed_signups: 2 });
      expect(onlyTo.body.data).toMatchObject({ clicks: 1, attributed_signups: 0 });
    });
  });

  describe('campaign', () => {
    const literalCampaigns = [
      `spring' OR '1'='1`,
      `x"; DROP TABLE referrals; --`,
      '100%_off',
      'Frühling 春 🚀',
      ' padded ',
    ];

    it('matches utm_campaign exactly and case-sensitively', async () => {
      await fixtures.clicksAt(referrer, '2026-10-01T00:00:00Z', 3, 'Spring');
      await fixtures.clicksAt(referrer, '2026-10-01T00:00:00Z', 2, 'spring');
      await fixtures.clicksAt(referrer, '2026-10-01T00:00:00Z', 1, 'spring2');
      await fixtures.clicksAt(referrer, '2026-10-01T00:00:00Z', 4, null);
      await fixtures.referral(referrer, { campaign: 'spring', signedUpAt: '2026-10-02T00:00:00Z' });
      await fixtures.referral(referrer, { campaign: 'Spring', signedUpAt: '2026-10-02T00:00:00Z' });

      const lower = await stats({ campaign: 'spring' }).expect(200);
      const all = await stats().expect(200);

      expect(lower.body.data).toMatchObject({ clicks: 2, attributed_signups: 1, signup_rate: 0.5 });
      expect(all.body.data).toMatchObject({ clicks: 10, attributed_signups: 2 });
    });

    it.each(literalCampaigns)('matches %p literally', async (campaign) => {
      await fixtures.clicksAt(referrer, '2026-10-01T00:00:00Z', 2, campaign);
      await fixtures.clicksAt(referrer, '2026-10-01T00:00:00Z', 5, 'spring');
      await fixtures.clicksAt(referrer, '2026-10-01T00:00:00Z', 7, '100xx off');
      await fixtures.referral(referrer, { campaign, signedUpAt: '2026-10-02T00:00:00Z' });

      const response = await stats({ campaign }).expect(200);

      expect(response.body.data).toMatchObject({ clicks: 2, attributed_signups: 1, signup_rate: 0.5 });
    });

    it('counts a referral by its own campaign, whatever campaign its referrer clicks carry', async () => {
      await fixtures.clicksAt(referrer, '2026-10-01T00:00:00Z', 4, 'a');
      await fixtures.referral(referrer, { campaign: 'b', signedUpAt: '2026-10-02T00:00:00Z' });

      const a = await stats({ campaign: 'a' }).expect(200);
      const b = await stats({ campaign: 'b' }).expect(200);

      expect(a.body.data).toMatchObject({ clicks: 4, attributed_signups: 0 });
      expect(b.body.data).toMatchObject({ clicks: 0, attributed_signups: 1, signup_rate: 0 });
    });
  });

  describe('rates', () => {
    it('rounds half-up to 3 decimals', async () => {
      // 1/16 = 0.0625 -> 0.063 (banker's rounding would give 0.062); 2/3 = 0.6667 -> 0.667.
      await fixtures.clicksAt(referrer, '2026-10-01T00:00:00Z', 16);
      await fixtures.referral(referrer, { signedUpAt: '2026-10-02T00:00:00Z' });
      const first = await stats().expect(200);
      expect(first.body.data.signup_rate).toBe(0.063);

      await fixtures.referral(referrer, { signedUpAt: '2026-10-02T00:00:00Z', qualifiedAt: '2026-10-03T00:00:00Z' });
      await fixtures.referral(referrer, { signedUpAt: '2026-10-02T00:00:00Z', qualifiedAt: '2026-10-03T00:00:00Z' });
      const second = await stats().expect(200);
      expect(second.body.data).toMatchObject({ signup_rate: 0.188, qualification_rate: 0.667, reward_rate: 0 });
    });

    it('answers 0 for a rate whose denominator is 0', async () => {
      await fixtures.referral(referrer, { signedUpAt: '2026-10-02T00:00:00Z' });
      const signupsWithoutClicks = await stats().expect(200);
      expect(signupsWithoutClicks.body.data).toMatchObject({ clicks: 0, attributed_signups: 1, signup_rate: 0 });

      await fixtures.referral(referrer, {
        signedUpAt: '2026-09-02T00:00:00Z',
        qualifiedAt: '2026-10-02T00:00:00Z',
        rewardedAt: '2026-10-02T00:00:00Z',
      });
      const afterEveryEvent = await stats({ from: '2026-10-02T00:00:01Z' }).expect(200);
      expect(afterEveryEvent.body.data).toEqual(ZERO_FUNNEL);
      const outcomesOnly = await stats({ from: '2026-10-02T00:00:00Z', to: '2026-10-02T00:00:00.000001Z' });
      expect(outcomesOnly.body.data).toMatchObject({
        attributed_signups: 1,
        qualified_referrals: 1,
        qualification_rate: 1,
        reward_rate: 1,
      });
    });

    it('returns integers as JSON numbers', async () => {
      await fixtures.clicksAt(referrer, '2026-10-01T00:00:00Z', 3);

      const response = await stats().expect(200);

      expect(response.text).toContain('"clicks":3,');
    });
  });

  describe('invalid input', () => {
    const badQueries: Array<[string, string, string]> = [
      ['a date without a time', 'from=2026-10-01', 'from'],
      ['an unparseable value', 'to=yesterday', 'to'],
      ['a date-time without an offset', 'from=2026-10-01T00:00:00', 'from'],
      ['an impossible date', 'from=2026-02-30T00:00:00Z', 'from'],
      ['a leap second', 'from=2026-12-31T23:59:60Z', 'from'],
      ['an epoch number', 'from=1767225600', 'from'],
      ['`to` equal to `from`', 'from=2026-10-01T00:00:00Z&to=2026-10-01T05:30:00%2B05:30', 'to'],
      ['`to` before `from`', 'from=2026-10-02T00:00:00Z&to=2026-10-01T00:00:00Z', 'to'],
      ['a repeated `from`', 'from=2026-10-01T00:00:00Z&from=2026-10-02T00:00:00Z', 'from'],
      ['a repeated `campaign`', 'campaign=a&campaign=b', 'campaign'],
      ['an empty campaign', 'campaign=', 'campaign'],
      ['a campaign over 200 characters', `campaign=${'x'.repeat(201)}`, 'campaign'],
      ['a campaign with a NUL byte', 'campaign=a%00b', 'campaign'],
      ['an unknown parameter', 'limit=10', 'limit'],
    ];

    it.each(badQueries)('answers 400 naming the field for %s', async (_case, query, field) => {
      const response = await get(`${STATS}?${query}`).expect(400);

      expect(response.body).toEqual({
        code: 400,
        msg: 'Invalid query parameters',
        data: {
          request_id: response.headers['x-request-id'],
          errors: [{ field, message: expect.stringContaining(field) }],
        },
      });
    });

    it('names every unknown parameter and every bad field at once', async () => {
      const response = await get(`${STATS}?utm_campaign=x&page=2&from=nope`).expect(400);

      expect(response.body.data.errors.map((error: { field: string }) => error.field).sort()).toEqual([
        'from',
        'page',
        'utm_campaign',
      ]);
    });

    it('accepts a campaign of exactly 200 characters', async () => {
      await stats({ campaign: 'x'.repeat(200) }).expect(200);
    });
  });
});
