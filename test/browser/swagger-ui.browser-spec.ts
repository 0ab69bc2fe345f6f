import type { Page } from 'playwright-core';
import { CONTRACT_EXAMPLE } from '../support/contract-example';
import { Browser, launchChromium } from './support/chromium';
import { RunningService, startService } from './support/service';

const STATS = '#operations-Referrals-getReferralStats';

/** The demo funnel is the contract's example, all of it inside the last two weeks. */
const DEMO_FUNNEL = CONTRACT_EXAMPLE;

describe('Swagger UI at /docs, in Chromium', () => {
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

  async function openDocs(): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${service.baseUrl}/docs`);
    await page.locator(STATS).waitFor();
    return page;
  }

  async function authorizeWithApiKey(page: Page, key: string): Promise<void> {
    await page.locator('.btn.authorize').first().click();
    const apiKeyForm = page.locator('.auth-container').filter({ has: page.locator('h4', { hasText: 'x-api-key' }) });
    await apiKeyForm.locator('input').fill(key);
    await apiKeyForm.getByRole('button', { name: 'Apply credentials' }).click();
    await apiKeyForm.getByRole('button', { name: 'Close' }).click();
  }

  /** Opens the stats operation, Try it out, a from/to window, Execute; returns the live response's parts. */
  async function executeStats(page: Page, from: string, to: string) {
    const operation = page.locator(STATS);
    await operation.locator('.opblock-summary-control').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.locator('tr[data-param-name="from"] input').fill(from);
    await operation.locator('tr[data-param-name="to"] input').fill(to);
    await operation.locator('tr[data-param-name="campaign"] input').fill('');
    await operation.getByRole('button', { name: 'Execute' }).click();

    // The live response: the first row of the table under "Server response" (its header row is a thead).
    const live = operation.locator('.live-responses-table tbody tr.response').first();
    await live.waitFor();
    await live.scrollIntoViewIfNeeded();
    const [body, headers] = await live.locator('.response-col_description pre').allInnerTexts();
    return {
      // From the operation's title to the end of the live response: parameters, request URL, body, headers.
      area: [operation.locator('.opblock-summary'), live],
      requestUrl: await operation.locator('.request-url pre').innerText(),
      status: (await live.locator('.response-col_status').innerText()).trim(),
      body: JSON.parse(body),
      headers,
    };
  }

  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

  it('offers x-api-key and bearer JWT under Authorize', async () => {
    const page = await openDocs();
    await page.locator('.btn.authorize').first().click();

    const schemes = await page.locator('.auth-container h4').allInnerTexts();
    expect(schemes.map((text) => text.replace(/\s+/g, ' '))).toEqual(['x-api-key (apiKey)', 'jwt (http, Bearer)']);
    await page.close();
  });

  it('shows the 200 funnel and the RateLimit headers after Authorize, Try it out and Execute on the stats endpoint', async () => {
    const page = await openDocs();
    await expect(page.locator(`${STATS} .opblock-summary-description`).innerText()).resolves.toBe(
      'Get referral funnel stats · 1 credit',
    );
    await authorizeWithApiKey(page, service.adminKey);

    const response = await executeStats(page, daysAgo(30), daysAgo(-1));
    await browser.screenshot(page, 'swagger-stats-200', response.area);

    expect(response.requestUrl).toContain('/api/v1/admin/referrals/stats?from=');
    expect(response.status).toBe('200');
    expect(response.body).toEqual({ code: 200, msg: 'ok', data: DEMO_FUNNEL });
    expect(response.headers).toMatch(/ratelimit: "minute";r=\d+;t=\d+/);
    expect(response.headers).toMatch(/ratelimit-policy: "minute";q=\d+;w=60/);
    expect(response.headers).toMatch(/x-credits-charged: 1/);
    await page.close();
  });

  it('lists every key-management route under "API keys", and Try it out on a key creation shows the key once', async () => {
    const page = await openDocs();
    const section = page.locator('.opblock-tag-section').filter({ has: page.locator('h3', { hasText: /^API keys/ }) });
    const listed = (await section.locator('.opblock-summary').allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));
    for (const route of [
      'POST /api/v1/admin/accounts/{id}/keys',
      'GET /api/v1/admin/accounts/{id}/keys',
      'POST /api/v1/admin/keys/{id}/rotate',
      'DELETE /api/v1/admin/keys/{id}',
      'GET /api/v1/admin/keys/audit',
      'GET /api/v1/account/keys',
      'POST /api/v1/account/keys',
      'GET /api/v1/account/keys/audit',
      'POST /api/v1/account/keys/{id}/rotate',
      'DELETE /api/v1/account/keys/{id}',
    ]) {
      expect(listed.some((text) => text.replace(/\u200b/g, '').includes(route))).toBe(true);
    }
    expect(listed.every((text) => text.includes('not metered'))).toBe(true);

    await authorizeWithApiKey(page, service.adminKey);
    const operation = page.locator('[id$="-createOwnKey"]');
    await operation.locator('.opblock-summary-control').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.locator('textarea.body-param__text').fill('{"name": "from swagger ui"}');
    await operation.getByRole('button', { name: 'Execute' }).click();
    const live = operation.locator('.live-responses-table tbody tr.response').first();
    await live.waitFor();
    await live.scrollIntoViewIfNeeded();
    const [body] = await live.locator('.response-col_description pre').allInnerTexts();
    await browser.screenshot(page, 'swagger-create-key-201', [operation.locator('.opblock-summary'), live]);

    expect((await live.locator('.response-col_status').innerText()).trim()).toBe('201');
    expect(JSON.parse(body)).toMatchObject({ code: 201, data: { name: 'from swagger ui', status: 'active', key: expect.stringMatching(/^crw_live_/) } });
    await page.close();
  });

  it('shows 401 when the same request is executed without a key', async () => {
    const page = await openDocs();

    const response = await executeStats(page, daysAgo(30), daysAgo(-1));
    await browser.screenshot(page, 'swagger-stats-401', response.area);

    expect(response.status).toBe('401');
    expect(response.body).toMatchObject({ code: 401, data: { reason: 'missing_credentials' } });
    await page.close();
  });
});
