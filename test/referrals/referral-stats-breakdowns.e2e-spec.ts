import { createAccountWithKey } from '../support/auth-fixtures';
import { FunnelFixtures } from '../support/funnel-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

const TIMESERIES = '/api/v1/admin/referrals/stats/timeseries';
const CAMPAIGNS = '/api/v1/admin/referrals/stats/campaigns';
const STATS = '/api/v1/admin/referrals/stats';

describe('referral stats breakdowns', () => {
  let t: TestApp;
  let adminKey: string;
  let fixtures: FunnelFixtures;
  let referrer: string;

  beforeAll(async () => {
    t = await createTestApp();
    adminKey = (await createAccountWithKey(t.app, 'admin')).apiKey;
    fixtures = new FunnelFixtures(t.db);
    referrer = await fixtures.account('pro');

    // Around Berlin's spring-forward night (2026-03-29 02:00 CET -> 03:00 CEST).
    await fixtures.clicks(referrer, ['2026-03-28T22:59:59.999999Z'], 'dst'); // 23:59:59 CET on the 28th
    await fixtures.clicks(referrer, ['2026-03-28T23:00:00Z', '2026-03-29T21:59:59Z'], 'dst'); // the 29th, local
    await fixtures.clicks(referrer, ['2026-03-29T22:00:00Z'], 'dst'); // 00:00 CEST on the 30th
    // Around a half-hour zone's midnight (Asia/Kolkata, +05:30): 2026-05-01 00:00 local = 2026-04-30T18:30Z.
    await fixtures.clicks(referrer, ['2026-04-30T18:29:59Z', '2026-04-30T18:30:00Z', '2026-04-30T18:45:00Z'], 'ist');
    await fixtures.referral(referrer, { campaign: 'ist', signedUpAt: '2026-04-30T18:10:00Z', qualifiedAt: '2026-04-30T18:40:00Z' });
    // A campaign league table.
    await fixtures.clicksAt(referrer, '2026-06-10T10:15:00Z', 5, 'alpha');
    await fixtures.clicksAt(referrer, '2026-06-10T11:45:00Z', 8, 'beta');
    await fixtures.clicksAt(referrer, '2026-06-11T09:00:00Z', 2, 'gamma');
    for (let i = 0; i < 3; i++) await fixtures.referral(referrer, { campaign: 'alpha', signedUpAt: '2026-06-10T12:00:00Z' });
    await fixtures.referral(referrer, { campaign: 'beta', signedUpAt: '2026-06-10T12:30:00Z' });
  });

  afterAll(() => t.close());

  const get = (path: string, query: Record<string, string | number>) => t.http.get(path).query(query).set('x-api-key', adminKey);

  describe('GET /api/v1/admin/referrals/stats/timeseries', () => {
    it('follows the zone calendar across DST: a 23-hour day in Europe/Berlin', async () => {
      const response = await get(TIMESERIES, {
        from: '2026-03-28T00:00:00+01:00',
        to: '2026-03-31T00:00:00+02:00',
        campaign: 'dst',
        interval: 'day',
        timezone: 'Europe/Berlin',
      }).expect(200);

      const buckets = response.body.data.buckets.map((bucket: Record<string, unknown>) => [bucket.start, bucket.end, bucket.clicks]);
      expect(buckets).toEqual([
        ['2026-03-28T00:00:00+01:00', '2026-03-29T00:00:00+01:00', 1],
        ['2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 2],
        ['2026-03-30T00:00:00+02:00', '2026-03-31T00:00:00+02:00', 1],
      ]);
      expect(response.body.data).toMatchObject({ interval: 'day', timezone: 'Europe/Berlin' });
    });

    it('cuts days at local midnight in a half-hour zone, counting the partial hours exactly', async () => {
      const response = await get(TIMESERIES, {
        from: '2026-04-30T00:00:00+05:30',
        to: '2026-05-02T00:00:00+05:30',
        campaign: 'ist',
        timezone: 'Asia/Kolkata',
      }).expect(200);

      expect(response.body.data.buckets).toEqual([
        expect.objectContaining({ start: '2026-04-30T00:00:00+05:30', clicks: 1, attributed_signups: 1, qualified_referrals: 0 }),
        expect.objectContaining({ start: '2026-05-01T00:00:00+05:30', clicks: 2, attributed_signups: 0, qualified_referrals: 1 }),
      ]);
    });

    it('gives hourly buckets whose sum is the window total', async () => {
      const window = { from: '2026-06-10T09:30:00Z', to: '2026-06-10T13:10:00Z' };

      const series = await get(TIMESERIES, { ...window, interval: 'hour' }).expect(200);
      const total = await get(STATS, window).expect(200);

      const buckets = series.body.data.buckets;
      expect(buckets[0].start).toBe('2026-06-10T09:30:00+00:00');
      expect(buckets.at(-1).end).toBe('2026-06-10T13:10:00+00:00');
      expect(buckets).toHaveLength(5);
      for (const field of ['clicks', 'attributed_signups']) {
        expect(buckets.reduce((sum: number, bucket: Record<string, number>) => sum + bucket[field], 0)).toBe(total.body.data[field]);
      }
      expect(buckets.map((bucket: { clicks: number }) => bucket.clicks)).toEqual([0, 5, 8, 0, 0]);
    });

    it('supports weeks from Monday and calendar months', async () => {
      const weeks = await get(TIMESERIES, { from: '2026-06-01T00:00:00Z', to: '2026-06-15T00:00:00Z', interval: 'week' }).expect(200);
      const months = await get(TIMESERIES, { from: '2026-03-01T00:00:00Z', to: '2026-07-01T00:00:00Z', interval: 'month', campaign: 'alpha' }).expect(200);

      expect(weeks.body.data.buckets.map((bucket: { start: string; clicks: number }) => [bucket.start, bucket.clicks])).toEqual([
        ['2026-06-01T00:00:00+00:00', 0],
        ['2026-06-08T00:00:00+00:00', 15],
      ]);
      expect(months.body.data.buckets.map((bucket: { clicks: number }) => bucket.clicks)).toEqual([0, 0, 0, 5]);
    });

    it('defaults to the last 30 days in UTC', async () => {
      const response = await get(TIMESERIES, {}).expect(200);

      expect(response.body.data).toMatchObject({ interval: 'day', timezone: 'UTC' });
      expect(response.body.data.buckets.length).toBeGreaterThanOrEqual(30);
      expect(response.body.data.buckets.length).toBeLessThanOrEqual(31);
    });

    it.each([
      [{ interval: 'minute' }, 'interval'],
      [{ timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      [{ timezone: '+05:30' }, 'timezone'],
      [{ from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', interval: 'hour' }, 'interval'],
      [{ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'to'],
      [{ page: '2' }, 'page'],
    ])('answers 400 for %p', async (query, field) => {
      const response = await get(TIMESERIES, query).expect(400);

      expect(response.body.data.errors[0].field).toBe(field);
    });
  });

  describe('GET /api/v1/admin/referrals/stats/campaigns', () => {
    it('ranks campaigns by the chosen count, with each campaign funnel and rates', async () => {
      const response = await get(CAMPAIGNS, { from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' }).expect(200);

      expect(response.body.data.sort).toBe('clicks');
      expect(response.body.data.campaigns).toEqual([
        expect.objectContaining({ campaign: 'beta', clicks: 8, attributed_signups: 1, signup_rate: 0.125 }),
        expect.objectContaining({ campaign: 'alpha', clicks: 5, attributed_signups: 3, signup_rate: 0.6 }),
        expect.objectContaining({ campaign: 'gamma', clicks: 2, attributed_signups: 0, signup_rate: 0 }),
      ]);
    });

    it('sorts by another count and limits', async () => {
      const response = await get(CAMPAIGNS, { from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z', sort: 'attributed_signups', limit: 1 }).expect(200);

      expect(response.body.data.campaigns.map((row: { campaign: string }) => row.campaign)).toEqual(['alpha']);
    });

    it('counts unaligned windows exactly, like the stats endpoint per campaign', async () => {
      const window = { from: '2026-06-10T10:15:00Z', to: '2026-06-10T12:00:00.000001Z' };

      const response = await get(CAMPAIGNS, window).expect(200);

      for (const row of response.body.data.campaigns) {
        const single = await get(STATS, { ...window, campaign: row.campaign }).expect(200);
        const { campaign: _name, ...counts } = row;
        expect(counts).toEqual(single.body.data);
      }
      expect(response.body.data.campaigns.map((row: { campaign: string }) => row.campaign)).toEqual(['beta', 'alpha']);
    });

    it.each([
      [{ sort: 'name' }, 'sort'],
      [{ limit: 0 }, 'limit'],
      [{ campaign: 'alpha' }, 'campaign'],
    ])('answers 400 for %p', async (query, field) => {
      const response = await get(CAMPAIGNS, query).expect(400);

      expect(response.body.data.errors[0].field).toBe(field);
    });
  });
});
