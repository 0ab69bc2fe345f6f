import { execFileSync } from 'node:child_process';
import { PARAMETERS_WITHOUT_EXAMPLE } from '../../src/common/swagger/openapi-enrichment';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Validates with @seriousme/openapi-schema-validator (the OpenAPI 3.0/3.1 JSON schemas) in a child process:
 * the package is an ES module, which jest cannot load on Node 20, and plain Node can (see STACK.md).
 */
function validateOpenApi(document: object): { valid: boolean; errors?: unknown } {
  const script = `
    import { Validator } from '@seriousme/openapi-schema-validator';
    import { readFileSync } from 'node:fs';
    const result = await new Validator().validate(JSON.parse(readFileSync(0, 'utf8')));
    process.stdout.write(JSON.stringify(result));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    input: JSON.stringify(document),
    cwd: __dirname,
  });
  return JSON.parse(output.toString());
}

describe('GET /docs-json', () => {
  let t: TestApp;
  let document: {
    openapi: string;
    paths: Record<string, Record<string, any>>;
    components: { schemas: Record<string, any>; securitySchemes: Record<string, any> };
  };

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http.get('/docs-json').expect(200)).body;
  });

  afterAll(() => t.close());

  const statsOperation = () => document.paths['/api/v1/admin/referrals/stats'].get;

  it('is an OpenAPI 3 document', () => {
    expect(document.openapi).toMatch(/^3\./);
  });

  it('names the schemas as the contract does', () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['referrals.adminReferralStatsResponseDoc', 'app.Response']),
    );
    expect(Object.keys(document.components.schemas['referrals.adminReferralStatsResponseDoc'].properties).sort()).toEqual(
      [
        'attributed_signups',
        'capped_referrals',
        'clicks',
        'qualification_rate',
        'qualified_referrals',
        'rejected_referrals',
        'review_required',
        'reward_rate',
        'rewarded_referrals',
        'signup_rate',
      ],
    );
  });

  it('lists the five failure statuses of the stats endpoint, each as app.Response', () => {
    const responses = statsOperation().responses;

    for (const status of ['400', '401', '403', '429', '500']) {
      expect(responses[status].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/app.Response' });
    }
    expect(JSON.stringify(responses['200'])).toContain('referrals.adminReferralStatsResponseDoc');
  });

  it('documents the query parameters with formats and examples', () => {
    const parameters = Object.fromEntries(statsOperation().parameters.map((p: any) => [p.name, p]));

    expect(parameters.from).toMatchObject({ in: 'query', required: false, schema: { format: 'date-time' } });
    expect(parameters.to).toMatchObject({ in: 'query', required: false, schema: { format: 'date-time' } });
    expect(parameters.campaign).toMatchObject({ in: 'query', required: false, schema: { maxLength: 200 } });
    for (const name of ['from', 'to', 'campaign']) {
      expect(parameters[name].schema.example ?? parameters[name].example).toBeDefined();
    }
  });

  it('shows the credit cost', () => {
    expect(statsOperation()['x-credit-cost']).toBe(1);
    expect(statsOperation().description).toContain('1 credit/request');
  });

  it('declares X-Data-Source and X-Replica-Lag-Ms beside the metering headers on every report route, and only there', () => {
    const reports = [
      '/api/v1/admin/referrals/stats',
      '/api/v1/admin/referrals/stats/timeseries',
      '/api/v1/admin/referrals/stats/campaigns',
      '/api/v1/admin/referrals',
      '/api/v1/admin/referrals/{id}',
    ];
    for (const path of reports) {
      const headers = Object.keys(document.paths[path].get.responses['200'].headers ?? {});
      expect({ path, headers }).toEqual({ path, headers: expect.arrayContaining(['X-Data-Source', 'X-Replica-Lag-Ms', 'RateLimit-Policy']) });
    }
    const approve = document.paths['/api/v1/admin/referrals/{id}/approve'].post.responses['200'];
    expect(Object.keys(approve.headers ?? {})).not.toContain('X-Data-Source');
  });

  it('accepts either an x-api-key header or a bearer JWT', () => {
    expect(document.components.securitySchemes['x-api-key']).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-api-key' });
    expect(document.components.securitySchemes.jwt).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    // Two requirement objects: either one satisfies the operation.
    expect(statsOperation().security).toEqual(expect.arrayContaining([{ 'x-api-key': [] }, { jwt: [] }]));
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
    );

  it('validates against the OpenAPI 3 schema', () => {
    expect(validateOpenApi(document)).toEqual({ valid: true });
  });

  it('is rejected by the validator when broken, so the check above can fail', () => {
    const broken = structuredClone(document);
    delete broken.paths['/health'].get.responses;

    expect(validateOpenApi(broken)).toMatchObject({ valid: false });
  });

  it('shows every operation\'s cost in its summary', () => {
    expect(statsOperation().summary).toBe('Get referral funnel stats · 1 credit');
    expect(document.paths['/api/v1/account/usage'].get.summary).toMatch(/· free \(0 credits\)$/);
    expect(document.paths['/api/v1/plans'].get.summary).toMatch(/· public, free$/);
    for (const { name, operation } of operations()) {
      expect(`${name}: ${operation.summary}`).toMatch(/ · (\d+ credits?|free \(0 credits\)|public, free|not metered)$/);
    }
  });

  it('gives every parameter an example, except those that need a fresh or previous value', () => {
    for (const { name, operation } of operations()) {
      for (const parameter of operation.parameters ?? []) {
        if (PARAMETERS_WITHOUT_EXAMPLE.has(parameter.name)) continue;
        expect(`${name} ${parameter.name}: ${parameter.example ?? parameter.schema?.example ?? 'no example'}`).not.toMatch(
          /no example$/,
        );
      }
    }
  });

  it('gives every JSON response an example (explicit, or through its schema)', () => {
    for (const { name, operation } of operations()) {
      for (const [status, response] of Object.entries<any>(operation.responses)) {
        const media = response.content?.['application/json'];
        if (!media) continue;
        const hasExample = media.example !== undefined || media.examples !== undefined || media.schema?.allOf !== undefined;
        // A bare envelope schema would only show the generic "ok" example: errors need their own.
        expect(`${name} ${status}: ${hasExample ? 'example' : 'none'}`).toBe(`${name} ${status}: example`);
      }
    }
  });

  it('carries curl and fetch samples on every operation, also in the description', () => {
    for (const { name, operation } of operations()) {
      expect([name, operation['x-codeSamples'].map((sample: { label: string }) => sample.label)]).toEqual([
        name,
        ['curl', 'fetch'],
      ]);
      expect(operation.description).toContain('#### Code samples');
    }
    const [curl, fetch] = statsOperation()['x-codeSamples'];
    // The sample uses the parameters' own examples (the dates move with today, so the sample selects data).
    const example = (name: string) =>
      String(statsOperation().parameters.find((parameter: any) => parameter.name === name).schema.example).replace(/\+/g, '%2B');
    expect(curl.source).toBe(
      'curl -s "http://localhost:3000/api/v1/admin/referrals/stats' +
        `?from=${example('from')}&to=${example('to')}&campaign=${example('campaign')}" \\\n` +
        '  -H "x-api-key: $CRAWLORA_API_KEY"',
    );
    expect(fetch.source).toContain("headers: {\n    'x-api-key': process.env.CRAWLORA_API_KEY,\n  }");
    const signup = document.paths['/api/v1/referrals/signups'].post['x-codeSamples'][0].source;
    expect(signup).toContain('-X POST');
    expect(signup).toContain('-H "Idempotency-Key: $(uuidgen)"');
    expect(signup).toContain(`-d '{"email":"new.user@example.org"`);
  });

  it('describes credits, plans, limits, the envelope and the 429 reasons on the front page', () => {
    const description = (document as unknown as { info: { description: string } }).info.description;

    for (const text of ['x-api-key', 'Bearer', '"code", "msg", "data"', 'RateLimit-Policy', 'X-Credits-Remaining',
      'rate_limited', 'daily_cap_reached', 'credits_exhausted', 'Retry-After', 'retry_after_seconds']) {
      expect(description).toContain(text);
    }
    expect(description).toMatch(/\nstarter \| \$\d+\.\d\d\/month \| [\d,]+ \|/);
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await t.http.get('/docs').redirects(1).expect(200);

    expect(response.text).toContain('swagger-ui');
  });
});
