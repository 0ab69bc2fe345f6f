import { runCommand } from '../../src/cli/commands';
import { formatEpochMicros, parseRfc3339 } from '../../src/common/time/rfc3339';
import { ReferralStatsRepository } from '../../src/referrals/stats/referral-stats.repository';
import { createAccountWithKey } from '../support/auth-fixtures';
import { FunnelFixtures } from '../support/funnel-fixtures';
import { seededRandom } from '../support/random';
import { createTestApp, TestApp } from '../support/test-app';

const HOUR = 3_600_000_000n;
const START = 1_790_000_000_000_000n - (1_790_000_000_000_000n % HOUR); // an hour boundary in 2026
const SPAN_HOURS = 240n;
const CAMPAIGNS = ['spring', 'Spring', 'partner_blog'];

/** An instant in the span: a third on an hour boundary (or a microsecond either side), the rest anywhere. */
function instant(random: ReturnType<typeof seededRandom>): bigint {
  const hour = START + BigInt(random.int(Number(SPAN_HOURS))) * HOUR;
  switch (random.int(6)) {
    case 0:
      return hour;
    case 1:
      return hour - 1n;
    case 2:
      return hour + 1n;
    default:
      return hour + BigInt(Math.floor(random.next() * Number(HOUR)));
  }
}

/** The same instant written with a +05:30 offset, to go through the parser's offset arithmetic. */
function withIndiaOffset(micros: bigint): string {
  const iso = formatEpochMicros(micros + 19_800_000_000n); // +05:30 wall clock
  return `${iso.slice(0, -1)}+05:30`;
}

describe('GET /api/v1/admin/referrals/stats on hourly rollups', () => {
  const seed = Number(process.env.STATS_PROPERTY_SEED ?? Date.now() % 1_000_000);
  let t: TestApp;
  let adminKey: string;

  beforeAll(async () => {
    t = await createTestApp();
    adminKey = (await createAccountWithKey(t.app, 'admin')).apiKey;
    const random = seededRandom(seed);
    const fixtures = new FunnelFixtures(t.db);
    const referrers = [await fixtures.account('pro'), await fixtures.account('growth')];

    for (let batch = 0; batch < 10; batch++) {
      const times = Array.from({ length: 150 }, () => formatEpochMicros(instant(random)));
      await fixtures.clicks(random.pick(referrers), times, random.int(4) === 0 ? null : random.pick(CAMPAIGNS));
    }
    for (let i = 0; i < 250; i++) {
      const signedUp = instant(random);
      const later = (base: bigint) => formatEpochMicros(base + BigInt(random.int(48)) * HOUR + BigInt(random.int(3)));
      const campaign = random.int(5) === 0 ? null : random.pick(CAMPAIGNS);
      const stages = { campaign, signedUpAt: formatEpochMicros(signedUp) };
      const outcome = random.int(6);
      const id = await fixtures.referral(random.pick(referrers), {
        ...stages,
        reviewRequiredAt: outcome === 1 ? later(signedUp) : undefined,
        rejectedAt: outcome === 2 ? later(signedUp) : undefined,
      });
      // Later stages arrive as updates, as they do in the lifecycle, through the update trigger.
      if (outcome >= 3) {
        const qualifiedAt = signedUp + BigInt(random.int(72)) * HOUR + 1n;
        const after = formatEpochMicros(qualifiedAt + BigInt(random.int(5)) * HOUR);
        const status = outcome === 3 ? 'qualified' : outcome === 4 ? 'rewarded' : 'capped';
        await t.db.query(
          `UPDATE referrals SET status = $2, qualified_at = $3,
                  rewarded_at = CASE WHEN $2 = 'rewarded' THEN $4::timestamptz END,
                  capped_at = CASE WHEN $2 = 'capped' THEN $4::timestamptz END
            WHERE id = $1`,
          [id, status, formatEpochMicros(qualifiedAt), after],
        );
      }
    }
    // Deletions and a campaign rename go through the triggers too.
    await t.db.query(`DELETE FROM referral_clicks WHERE id IN (SELECT id FROM referral_clicks ORDER BY id LIMIT 40)`);
    await t.db.query(`UPDATE referrals SET utm_campaign = 'partner_blog' WHERE utm_campaign = 'Spring' AND status = 'signed_up'`);
  });

  afterAll(() => t.close());

  /** The funnel of [lo, hi) counted from the raw events: a select list over `lo`, `hi` and `$campaign`. */
  const rawFunnel = (lo: string, hi: string, campaign: string) => {
    const count = (table: string, column: string) =>
      `(SELECT count(*)::int FROM ${table} WHERE ${column} >= ${lo} AND ${column} < ${hi}
          AND (${campaign}::text IS NULL OR utm_campaign = ${campaign}))`;
    return `${count('referral_clicks', 'created_at')} AS clicks, ${count('referrals', 'signed_up_at')} AS attributed_signups,
            ${count('referrals', 'qualified_at')} AS qualified_referrals, ${count('referrals', 'review_required_at')} AS review_required,
            ${count('referrals', 'rewarded_at')} AS rewarded_referrals, ${count('referrals', 'capped_at')} AS capped_referrals,
            ${count('referrals', 'rejected_at')} AS rejected_referrals`;
  };

  async function bruteForce(from: bigint | null, to: bigint | null, campaign: string | null) {
    const params = [from === null ? '-infinity' : formatEpochMicros(from), to === null ? 'infinity' : formatEpochMicros(to), campaign];
    const [row] = await t.db.query(`SELECT ${rawFunnel('$1::timestamptz', '$2::timestamptz', '$3')}`, params);
    return row;
  }

  /** The funnel of each [from, to) in `buckets`, in order, from the raw events. */
  async function bruteForceBuckets(buckets: Array<[bigint, bigint]>, campaign: string | null) {
    const rows: Array<Record<string, number>> = await t.db.query(
      `SELECT ${rawFunnel('b.lo', 'b.hi', '$3')}
         FROM unnest($1::timestamptz[], $2::timestamptz[]) WITH ORDINALITY AS b (lo, hi, i) ORDER BY b.i`,
      [buckets.map(([from]) => formatEpochMicros(from)), buckets.map(([, to]) => formatEpochMicros(to)), campaign],
    );
    return rows;
  }

  it(`matches brute-force counts over 300 random windows (seed ${seed})`, async () => {
    const random = seededRandom(seed + 1);
    let compared = 0;
    for (let i = 0; i < 300; i++) {
      let from: bigint | null = random.int(10) === 0 ? null : instant(random);
      let to: bigint | null = random.int(10) === 0 ? null : instant(random);
      if (from !== null && to !== null && to <= from) [from, to] = to === from ? [from, to + 1n] : [to, from];
      const campaign = random.int(3) === 0 ? null : random.pick([...CAMPAIGNS, 'absent']);
      const query: Record<string, string> = {};
      if (from !== null) query.from = random.int(2) === 0 ? formatEpochMicros(from) : withIndiaOffset(from);
      if (to !== null) query.to = formatEpochMicros(to);
      if (campaign !== null) query.campaign = campaign;

      const response = await t.http.get('/api/v1/admin/referrals/stats').query(query).set('x-api-key', adminKey);

      expect({ query, status: response.status }).toEqual({ query, status: 200 });
      const expected = await bruteForce(from, to, campaign);
      expect({ query, counts: response.body.data }).toEqual({ query, counts: expect.objectContaining(expected) });
      compared += 1;
    }
    expect(compared).toBe(300);
  });

  it('matches brute-force counts at every mix of aligned and unaligned bounds (empty and non-empty parts)', async () => {
    // Bounds on a UTC day, an hour, and a microsecond either side, so each part of a window (raw edges,
    // hourly head/tail, days) is empty in some windows and not in others: the statement skips empty parts.
    const DAY = 24n * HOUR;
    const day = START - (START % DAY) + DAY;
    const points = [
      day - 1n, day, day + 1n, day + HOUR - 1n, day + HOUR, day + 3n * HOUR, day + 3n * HOUR + 1n,
      day + DAY - 1n, day + DAY, day + DAY + 1n, day + DAY + 5n * HOUR, day + 3n * DAY, day + 3n * DAY + HOUR + 7n,
    ];
    const windows: Array<[bigint | null, bigint | null]> = [
      ...points.flatMap((from, i) => points.slice(i + 1).map((to): [bigint, bigint] => [from, to])),
      ...[day, day + 1n, day + DAY - 1n].flatMap((bound): Array<[bigint | null, bigint | null]> => [[null, bound], [bound, null]]),
    ];
    for (const [i, [from, to]] of windows.entries()) {
      const campaign = i % 2 === 0 ? null : 'spring';
      const query: Record<string, string> = {};
      if (from !== null) query.from = formatEpochMicros(from);
      if (to !== null) query.to = formatEpochMicros(to);
      if (campaign !== null) query.campaign = campaign;

      const response = await t.http.get('/api/v1/admin/referrals/stats').query(query).set('x-api-key', adminKey);

      expect({ query, status: response.status }).toEqual({ query, status: 200 });
      const expected = await bruteForce(from, to, campaign);
      expect({ query, counts: response.body.data }).toEqual({ query, counts: expect.objectContaining(expected) });
    }
    expect(windows).toHaveLength(84);
  });

  it(`matches brute-force counts in every bucket of 60 random series (seed ${seed})`, async () => {
    // Zones whose days start off UTC days, on half and three-quarter hours, and across DST: each bucket is cut
    // into days, hours and raw edges of its own, so every part is empty in some buckets and not in others.
    const zones = ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Lord_Howe'];
    const random = seededRandom(seed + 2);
    for (let i = 0; i < 60; i++) {
      let [from, to] = [instant(random), instant(random)];
      if (to <= from) [from, to] = to === from ? [from, to + 1n] : [to, from];
      const query: Record<string, string> = {
        from: formatEpochMicros(from),
        to: formatEpochMicros(to),
        interval: random.pick(['hour', 'day', 'week', 'month']),
        timezone: random.pick(zones),
      };
      const campaign = random.int(3) === 0 ? null : random.pick([...CAMPAIGNS, 'absent']);
      if (campaign !== null) query.campaign = campaign;

      const response = await t.http.get('/api/v1/admin/referrals/stats/timeseries').query(query).set('x-api-key', adminKey);

      expect({ query, status: response.status }).toEqual({ query, status: 200 });
      const buckets: Array<Record<string, string | number>> = response.body.data.buckets;
      const bounds = buckets.map((bucket): [bigint, bigint] => [parseRfc3339(String(bucket.start))!, parseRfc3339(String(bucket.end))!]);
      // The buckets tile the window: each starts where the one before ends.
      expect({ query, tiles: bounds.flat() }).toEqual({ query, tiles: [from, ...bounds.slice(1).flatMap(([start]) => [start, start]), to] });
      const expected = await bruteForceBuckets(bounds, campaign);
      expect({ query, counts: buckets }).toEqual({ query, counts: expected.map((counts) => expect.objectContaining(counts)) });
    }
  });

  it('finds no drift between the rollups and the raw events', async () => {
    await expect(t.app.get(ReferralStatsRepository).findDrift()).resolves.toEqual([]);
  });

  it('reports drift and repairs it with stats:rebuild', async () => {
    await t.db.query(`UPDATE referral_stats_hourly SET clicks = clicks + 5 WHERE campaign = '' AND bucket = (SELECT min(bucket) FROM referral_stats_hourly)`);

    const verify = (await runCommand(t.app, ['stats:verify'])) as { ok: boolean; drift: unknown[] };
    expect(verify.ok).toBe(false);
    expect(verify.drift).toHaveLength(1);

    const rebuilt = (await runCommand(t.app, ['stats:rebuild'])) as { rows: number; ok: boolean };
    expect(rebuilt.ok).toBe(true);
    expect(rebuilt.rows).toBeGreaterThan(0);
    await expect(t.app.get(ReferralStatsRepository).findDrift()).resolves.toEqual([]);
  });
});
