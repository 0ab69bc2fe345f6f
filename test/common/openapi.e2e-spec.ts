import { createTestApp, TestApp } from '../support/test-app';

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

  it('accepts either an x-api-key header or a bearer JWT', () => {
    expect(document.components.securitySchemes['x-api-key']).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-api-key' });
    expect(document.components.securitySchemes.jwt).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    // Two requirement objects: either one satisfies the operation.
    expect(statsOperation().security).toEqual(expect.arrayContaining([{ 'x-api-key': [] }, { jwt: [] }]));
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await t.http.get('/docs').redirects(1).expect(200);

    expect(response.text).toContain('swagger-ui');
  });
});
