import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Browser, launchChromium } from './support/chromium';
import { RunningService, startService } from './support/service';

const DAY_MS = 86_400_000;
const isoDay = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

const FUNNEL_STAGES = ['clicks', 'attributed_signups', 'qualified_referrals', 'rewarded_referrals'];
const SIDE_STAGES = ['review_required', 'capped_referrals', 'rejected_referrals'];
const RATES = ['signup_rate', 'qualification_rate', 'reward_rate'];

/** Messages the page logged as errors, Content-Security-Policy violations included. */
const pageErrors = new WeakMap<Page, string[]>();

async function openConsole(browser: Browser, service: RunningService, credential: string): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // The API's own 4xx answers are logged by Chromium as failed loads; they are what the error tests expect.
    if (message.type() === 'error' && !/the server responded with a status of 4\d\d/.test(message.text())) {
      errors.push(message.text());
    }
  });
  const response = await page.goto(`${service.baseUrl}/console`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.locator('#credential').fill(credential);
  await page.getByRole('button', { name: 'Use' }).click();
  return page;
}

/** Waits until the element shows this text (a string: exactly; a pattern: matching). */
async function shown(page: Page, selector: string, text: string | RegExp): Promise<void> {
  const pattern = typeof text === 'string' ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : text;
  await page.locator(selector, { hasText: pattern }).waitFor();
}

/** What the page drew: every bar's number, the three rates as shown, and the daily series. */
async function drawnNumbers(page: Page) {
  const numbers: Record<string, number> = {};
  for (const stage of [...FUNNEL_STAGES, ...SIDE_STAGES]) {
    numbers[stage] = Number(await page.locator(`.stage[data-stage="${stage}"] .value`).innerText());
  }
  const rates: Record<string, string> = {};
  for (const rate of RATES) rates[rate] = await page.locator(`[data-rate="${rate}"]`).innerText();
  const days = await page.locator('#series g').evaluateAll((groups) =>
    groups.map((group) => ({
      day: group.getAttribute('data-day'),
      clicks: Number(group.querySelector('rect.clicks')!.getAttribute('data-value')),
    })),
  );
  return { numbers, rates, days };
}

describe('The funnel page at /console, in Chromium', () => {
  let service: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    service = await startService();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  /** The stats endpoint's own answer for a window, to check the page against. */
  async function statsFromApi(fromDay: string, toDay: string, campaign?: string) {
    const query = new URLSearchParams({ from: `${fromDay}T00:00:00Z`, to: `${nextDay(toDay)}T00:00:00Z` });
    if (campaign) query.set('campaign', campaign);
    const response = await fetch(`${service.baseUrl}/api/v1/admin/referrals/stats?${query}`, {
      headers: { 'x-api-key': service.adminKey },
    });
    return ((await response.json()) as { data: Record<string, number> }).data;
  }

  it('draws the demo funnel, then the funnel of another range and campaign, with rates and a daily series', async () => {
    const page = await openConsole(browser, service, service.adminKey);

    // The default range, the last 30 days, holds the whole demo funnel (the contract's example).
    await page.locator('#results').waitFor();
    const initial = await drawnNumbers(page);
    expect(initial.numbers).toEqual({
      clicks: 42,
      attributed_signups: 9,
      qualified_referrals: 3,
      rewarded_referrals: 2,
      review_required: 1,
      capped_referrals: 0,
      rejected_referrals: 0,
    });
    expect(initial.rates).toEqual({ signup_rate: '21.4 %', qualification_rate: '33.3 %', reward_rate: '22.2 %' });
    expect(initial.days).toHaveLength(30);
    expect(initial.days.reduce((sum, day) => sum + day.clicks, 0)).toBe(42);
    // Evaluated as strings: this Node-typed file has no DOM types.
    expect(await page.evaluate("sessionStorage.getItem('crawlora.console.credential')")).toBe(service.adminKey);
    expect(await page.evaluate('localStorage.length')).toBe(0);

    // A shorter range, then one campaign: the page must show what the API says for exactly that choice.
    const [fromDay, toDay] = [isoDay(7), isoDay(0)];
    await page.locator('#from').fill(fromDay);
    await page.locator('#to').fill(toDay);
    await page.getByRole('button', { name: 'Show' }).click();
    await shown(page, '#window-title', `${fromDay} to ${toDay} (UTC), all campaigns`);
    await page.locator('#campaign').selectOption('partner_blog');
    await shown(page, '#window-title', `${fromDay} to ${toDay} (UTC), campaign partner_blog`);

    const expected = await statsFromApi(fromDay, toDay, 'partner_blog');
    const drawn = await drawnNumbers(page);
    await browser.screenshot(page, 'console-funnel');

    expect(expected.clicks).toBeGreaterThan(0);
    expect(expected.clicks).toBeLessThan(42);
    for (const stage of [...FUNNEL_STAGES, ...SIDE_STAGES]) expect([stage, drawn.numbers[stage]]).toEqual([stage, expected[stage]]);
    for (const rate of RATES) expect([rate, drawn.rates[rate]]).toEqual([rate, `${(expected[rate] * 100).toFixed(1)} %`]);
    expect(drawn.days.map((day) => day.day)).toEqual(Array.from({ length: 8 }, (_, i) => isoDay(7 - i)));
    expect(drawn.days.reduce((sum, day) => sum + day.clicks, 0)).toBe(expected.clicks);
    expect(pageErrors.get(page)).toEqual([]); // no script error, nothing blocked by the Content-Security-Policy
    await page.close();
  });

  it('shows the 403 message for a starter-plan key', async () => {
    const starterKey = await service.createKey('starter');
    const page = await openConsole(browser, service, starterKey);

    const message = page.locator('#message');
    await shown(page, '#message', /403/);
    await browser.screenshot(page, 'console-403');

    await expect(message.innerText()).resolves.toBe(
      "Forbidden (403): Admin plan required. This credential's account is not on the admin plan; use an admin API key or token.",
    );
    await expect(page.locator('#results').isHidden()).resolves.toBe(true);
    await page.close();
  });

  it('shows the 401 message for an unknown key', async () => {
    const page = await openConsole(browser, service, 'crw_live_not-a-real-key');

    await shown(page, '#message', /401/);

    await expect(page.locator('#message').innerText()).resolves.toBe(
      'Not authorised (401): Invalid API key. Check the API key or token (reason: invalid_api_key).',
    );
    await page.close();
  });
});

describe('The funnel page at /console, when the plan rate limit refuses a request', () => {
  let service: RunningService;
  let browser: Browser;
  let overrides: string;

  beforeAll(async () => {
    // Two requests a minute for admins: one page load makes three (totals, campaigns, daily series).
    overrides = mkdtempSync(join(tmpdir(), 'plan-overrides-'));
    writeFileSync(join(overrides, 'plans.json'), JSON.stringify({ admin: { rate_limit_per_minute: 2 } }));
    service = await startService({ PLAN_OVERRIDES_FILE: join(overrides, 'plans.json') });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    rmSync(overrides, { recursive: true, force: true });
  });

  it('shows the 429 message with the time to wait', async () => {
    const page = await openConsole(browser, service, service.adminKey);

    await shown(page, '#message', /429/);
    await browser.screenshot(page, 'console-429');

    await expect(page.locator('#message').innerText()).resolves.toMatch(
      /^Limit reached \(429\): Too many requests: the plan's per-minute rate limit is reached\. Retry in \d+ s\.$/,
    );
    await page.close();
  });
});
