import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const API_KEY_SCHEME = 'x-api-key';
export const JWT_SCHEME = 'jwt';

const API_DESCRIPTION = `
Billing and referrals API of the Crawlora web-data platform.

**Envelope.** Every response, success or error, is \`{ "code", "msg", "data" }\`: \`code\` repeats the HTTP
status, \`msg\` is \`"ok"\` or the reason for a failure. Errors carry \`data.request_id\` (also sent as the
\`X-Request-Id\` header on every response; send your own to correlate) and, on 400, \`data.errors\`: one
\`{ field, message }\` per problem.

**Credits.** Metered endpoints cost the credits shown on each operation (\`x-credit-cost\`), charged only for
successful 2xx responses.

**Authentication.** Admin endpoints accept an admin API key in \`x-api-key\` or an admin JWT as
\`Authorization: Bearer\`. Non-admin plans receive 403.
`.trim();

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Crawlora billing & referrals API')
    .setDescription(API_DESCRIPTION)
    .setVersion('1.0.0')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key', description: 'API key' }, API_KEY_SCHEME)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Admin JWT' }, JWT_SCHEME)
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Swagger UI at /docs, the OpenAPI document at /docs-json. */
export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    swaggerOptions: { persistAuthorization: false, displayRequestDuration: true },
  });
}
