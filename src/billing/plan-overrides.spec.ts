import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { ConfigValidationError } from '../config/environment';
import { parsePlanOverrides } from './plan-overrides';

const dir = mkdtempSync(join(tmpdir(), 'plans-spec-'));
let written = 0;

function fileWith(content: string): string {
  const file = join(dir, `plans-${++written}.json`);
  writeFileSync(file, content);
  return file;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parsePlanOverrides', () => {
  it('maps the API names onto the catalog fields', () => {
    const { overrides, problems } = parsePlanOverrides({
      free: { daily_cap: 3, rate_limit_per_minute: 1000, included_credits: 10, price_cents: 0 },
      pro: { daily_cap: null, overage: { cents_per_1000_credits: 25, requires_opt_in: true } },
      growth: { overage: null },
    });

    expect(problems).toEqual([]);
    expect(overrides).toEqual({
      free: { dailyCap: 3, ratePerMinute: 1000, includedCredits: 10, priceCents: 0 },
      pro: { dailyCap: null, overage: { centsPer1000Credits: 25, requiresOptIn: true } },
      growth: { overage: null },
    });
  });

  it('names every problem with its path', () => {
    const { problems } = parsePlanOverrides({
      platinum: {},
      free: { daily_cap: 0, rate_limit_per_minute: 1.5, colour: 'red', price_cents: -1 },
      pro: { overage: { cents_per_1000_credits: '30' } },
    });

    expect(problems).toEqual([
      expect.stringContaining('"platinum" is not a plan'),
      expect.stringContaining('free.daily_cap'),
      expect.stringContaining('free.rate_limit_per_minute'),
      expect.stringContaining('free.colour is not a known field'),
      expect.stringContaining('free.price_cents'),
      expect.stringContaining('pro.overage.cents_per_1000_credits'),
      expect.stringContaining('pro.overage.requires_opt_in'),
    ]);
  });

  it('refuses a file that is not an object keyed by plan', () => {
    expect(parsePlanOverrides([1, 2]).problems).toEqual(['the file must hold a JSON object keyed by plan name']);
  });
});

describe('PLAN_OVERRIDES_FILE at boot', () => {
  it('builds the catalog from the file', () => {
    const config = AppConfig.fromEnvironment({ PLAN_OVERRIDES_FILE: fileWith('{"starter": {"daily_cap": 7}}') });

    expect(config.billing.catalog.limitsOf('starter').dailyCap).toBe(7);
  });

  it('stops the boot with a message naming the variable, the file and the field', () => {
    const file = fileWith('{"starter": {"daily_cap": "lots"}}');
    const attempt = () => AppConfig.fromEnvironment({ PLAN_OVERRIDES_FILE: file });

    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(`PLAN_OVERRIDES_FILE: ${file}: starter.daily_cap must be an integer >= 1, or null for no cap`);
  });

  it('stops the boot on a missing file or invalid JSON', () => {
    expect(() => AppConfig.fromEnvironment({ PLAN_OVERRIDES_FILE: '/nonexistent/plans.json' })).toThrow(
      /PLAN_OVERRIDES_FILE: cannot read \/nonexistent\/plans.json: ENOENT/,
    );
    expect(() => AppConfig.fromEnvironment({ PLAN_OVERRIDES_FILE: fileWith('{free:') })).toThrow(/is not valid JSON/);
  });

  it('uses the contract table when the variable is unset', () => {
    expect(AppConfig.fromEnvironment({}).billing.catalog.limitsOf('free').dailyCap).toBe(500);
  });
});
