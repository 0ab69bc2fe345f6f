import { execFileSync } from 'node:child_process';
import { PARAMETERS_WITHOUT_EXAMPLE } from '../../src/common/swagger/openapi-enrichment';
import { createAccountWithKey } from '../support/auth-fixtures';
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

  it('lists the failure statuses of the stats endpoint, each a typed envelope narrowing app.Response', () => {
    const responses = statsOperation().responses;

    const names: Record<string, string> = {
      400: 'app.BadRequestResponse',
      401: 'app.UnauthorizedResponse',
      403: 'app.ForbiddenResponse',
      429: 'app.TooManyRequestsResponse',
      500: 'app.InternalErrorResponse',
      503: 'app.ServiceUnavailableResponse',
    };
    for (const [status, name] of Object.entries(names)) {
      expect(responses[status].content['application/json'].schema).toEqual({ $ref: `#/components/schemas/${name}` });
      const envelope = document.components.schemas[name];
      expect(envelope.allOf[0]).toEqual({ $ref: '#/components/schemas/app.Response' });
      expect(envelope.allOf[1].properties.code.enum).toEqual([Number(status)]);
    }
    expect(JSON.stringify(responses['200'])).toContain('referrals.adminReferralStatsResponseDoc');
  });

  it('types the error details: 400 field errors, the 401/403/429/503 reasons, retry_after_seconds', () => {
    const data = (name: string) => document.components.schemas[name].allOf[1].properties.data;

    expect(data('app.BadRequestResponse').properties.errors.items).toEqual({ $ref: '#/components/schemas/app.FieldError' });
    expect(document.components.schemas['app.FieldError'].required).toEqual(['field', 'message']);
    expect(data('app.UnauthorizedResponse').properties.reason.enum).toEqual([
      'missing_credentials',
      'invalid_api_key',
      'revoked_api_key',
      'expired_api_key',
      'rotated_api_key',
      'invalid_token',
      'expired_token',
    ]);
    expect(data('app.ForbiddenResponse').properties.reason.enum).toEqual(['plan_required']);
    expect(data('app.TooManyRequestsResponse').properties.reason.enum).toEqual([
      'rate_limited',
      'daily_cap_reached',
      'credits_exhausted',
      'too_many_failures',
    ]);
    expect(data('app.TooManyRequestsResponse').required).toEqual(['request_id', 'reason', 'retry_after_seconds']);
    expect(data('app.ServiceUnavailableResponse').properties.reason.enum).toEqual([
      'database_unavailable',
      'database_path_broken',
      'schema_outdated',
    ]);
  });

  /** Every schema object in the document, with where it is. */
  function schemasIn(node: unknown, at = '#'): Array<{ at: string; schema: Record<string, any> }> {
    if (Array.isArray(node)) return node.flatMap((item, index) => schemasIn(item, `${at}/${index}`));
    if (node === null || typeof node !== 'object') return [];
    const here = 'type' in node || 'nullable' in node || 'allOf' in node ? [{ at, schema: node as Record<string, any> }] : [];
    return [
      ...here,
      ...Object.entries(node)
        .filter(([key]) => key !== 'example' && key !== 'examples')
        .flatMap(([key, child]) => schemasIn(child, `${at}/${key}`)),
    ];
  }

  it('types every nullable value (no free-form object standing in for string | null, no nullable beside allOf)', () => {
    const untyped = schemasIn(document)
      .filter(({ at }) => !at.startsWith('#/components/schemas/app.Response/'))
      .filter(
        ({ schema }) =>
          (schema.type === 'object' && !schema.properties && !schema.allOf && schema.additionalProperties === undefined) ||
          (schema.nullable === true && schema.type === undefined) ||
          (schema.nullable === true && schema.allOf !== undefined) ||
          // Prism adds null to a nullable enum itself; a second null (a duplicate) makes it stop validating.
          (schema.nullable === true && Array.isArray(schema.enum) && schema.enum.includes(null)),
      )
      .map(({ at }) => at);

    expect(untyped).toEqual([]);
  });

  it('declares nullable references as the object or null, and from_status as a nullable enum', () => {
    const { schemas } = document.components;

    expect(schemas['billing.Plan'].properties.overage).toMatchObject({
      type: 'object',
      nullable: true,
      required: ['cents_per_1000_credits', 'requires_opt_in'],
    });
    expect(schemas['referrals.Signup'].properties.referral).toMatchObject({ type: 'object', nullable: true });
    expect(schemas['referrals.ReferralTransition'].properties.from_status).toMatchObject({
      type: 'string',
      nullable: true,
      enum: ['signed_up', 'review_required', 'qualified', 'rewarded', 'capped', 'rejected'],
    });
    expect(schemas['referrals.ReferralPage'].properties.next_cursor).toMatchObject({ type: 'string', nullable: true });
    expect(schemas['referrals.ReferralPage'].required).toContain('next_cursor');
  });

  it('names every operation with one scheme: a verb and a noun in camelCase, unique', () => {
    const ids = operations().map(({ name, operation }) => `${name}: ${operation.operationId}`);

    for (const id of ids) {
      // Nest's default (HealthController_live) means the route forgot its operationId.
      expect(id).toMatch(/: (get|list|create|update|delete|approve|reject|qualify|follow|revoke|rotate|redeliver|test|export)[A-Z][A-Za-z]*$/);
    }
    const bare = operations().map(({ operation }) => operation.operationId);
    expect(new Set(bare).size).toBe(bare.length);
  });

  it('declares security on every operation: [] on public ones', () => {
    for (const { name, operation } of operations()) {
      expect([name, Array.isArray(operation.security)]).toEqual([name, true]);
    }
    expect(document.paths['/health'].get.security).toEqual([]);
    expect(document.paths['/api/v1/plans'].get.security).toEqual([]);
    expect(document.paths['/r/{code}'].get.security).toEqual([]);
  });

  it('declares 401, 429, 500 and 503 on every protected operation, and 503 on the public ones that read the database', () => {
    for (const { name, operation } of operations()) {
      if (!operation.security.length) continue;
      expect([name, ...['401', '429', '500', '503'].filter((status) => !operation.responses[status])]).toEqual([name]);
    }
    expect(document.paths['/health/ready'].get.responses['503']).toBeDefined();
    expect(document.paths['/r/{code}'].get.responses['503']).toBeDefined();
  });

  it('names this deployment as its server, with a contact and a license', () => {
    const info = (document as unknown as { info: Record<string, any>; servers: Array<{ url: string }> });

    expect(info.servers.map((server) => server.url)).toEqual(['http://localhost:3000']);
    expect(info.info.contact).toMatchObject({ name: expect.any(String), url: expect.stringMatching(/^https:/) });
    expect(info.info.license).toMatchObject({ name: expect.any(String), url: expect.stringMatching(/^https:/) });
  });

  it('documents the query parameters with formats and examples', () => {
    const parameters = Object.fromEntries(statsOperation().parameters.map((p: any) => [p.name, p]));

    expect(parameters.from).toMatchObject({ in: 'query', required: false, schema: { format: 'date-time' } });
    expect(parameters.to).toMatchObject({ in: 'query', required: false, schema: { format: 'date-time' } });
    expect(parameters.campaign).toMatchObject({ in: 'query', required: false, schema: { maxLength: 200 } });
    for (const name of ['from', 'to']) {
      expect(parameters[name].schema.example ?? parameters[name].example).toBeDefined();
    }
    // Not pre-filled in Try it out: a campaign this deployment never had would show an all-zero funnel.
    expect(parameters.campaign.schema.example ?? parameters.campaign.example).toBeUndefined();
    expect(parameters.campaign.description).toContain('spring_launch');
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
        `?from=${example('from')}&to=${example('to')}" \\\n` +
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

  it('is what every e2e response is checked against: a drift names the operation, the status and the property', () => {
    const stats = { clicks: 1, attributed_signups: 0, qualified_referrals: 0, review_required: 0, rewarded_referrals: 0,
      capped_referrals: 0, rejected_referrals: 0, signup_rate: 0, qualification_rate: 0, reward_rate: 0 };
    const json = { 'content-type': 'application/json; charset=utf-8' };
    const check = (status: number, body: unknown) =>
      () => t.openApi.check('GET', '/api/v1/admin/referrals/stats?from=x', { status, headers: json, body });

    expect(check(200, { code: 200, msg: 'ok', data: stats })).not.toThrow();
    const drifted = check(200, { code: 200, msg: 'ok', data: { ...stats, clicks: '1', surprise: true } });
    expect(drifted).toThrow(/^OpenAPI mismatch, GET \/api\/v1\/admin\/referrals\/stats → 200:\n/);
    expect(drifted).toThrow(/\n {2}body\/data\/clicks must be integer \(has "1"\)/);
    expect(drifted).toThrow(/\n {2}body\/data\/surprise is not declared in the schema/);
    expect(check(418, { code: 418 })).toThrow(/status 418 is not declared/);
    expect(check(400, { code: 400, msg: 'Invalid query parameters', data: { request_id: 'r', errors: [{ field: 'from' }] } })).toThrow(
      /body\/data\/errors\/0\/message is required but missing/,
    );
  });

  it('answers 400 naming an unknown query parameter on every operation (links /r/{code} excepted: they carry any)', async () => {
    const { apiKey } = await createAccountWithKey(t.app, 'admin');
    const answers: string[] = [];
    for (const { name, operation } of operations()) {
      const [method, template] = name.split(' ');
      if (template === '/r/{code}') continue;
      const path = template.replace(/\{(\w+)\}/g, (_, parameter) => {
        const declared = operation.parameters.find((p: any) => p.name === parameter);
        return encodeURIComponent(declared.example ?? declared.schema.example);
      });
      const body = operation['x-codeSamples'][0].source.match(/-d '(.*)'$/m)?.[1];
      let call = t.http[method.toLowerCase() as 'get' | 'post'](`${path}?bogus_parameter=1`).set('x-api-key', apiKey);
      if (body) call = call.set('content-type', 'application/json').send(body);
      const response = await call;
      const fields = (response.body.data?.errors ?? []).map((error: { field: string }) => error.field);
      answers.push(`${name}: ${response.status} ${fields.includes('bogus_parameter') ? 'names it' : JSON.stringify(response.body)}`);
    }

    expect(answers.filter((answer) => !answer.endsWith(': 400 names it'))).toEqual([]);
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await t.http.get('/docs').redirects(1).expect(200);

    expect(response.text).toContain('swagger-ui');
  });
});
