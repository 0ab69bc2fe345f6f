import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '../../config/app-config';
import { apiDescription } from './api-description';
import { errorEnvelopeSchemas } from './error-envelopes';
import { enrichOpenApiDocument } from './openapi-enrichment';
import { normalizeOpenApiDocument } from './openapi-normalization';

export const API_KEY_SCHEME = 'x-api-key';
export const JWT_SCHEME = 'jwt';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = app.get(AppConfig);
  const builder = new DocumentBuilder()
    .setTitle('Crawlora billing & referrals API')
    .setDescription(apiDescription(config.billing.catalog.publicPlans(), config.auth.failuresPerMinute))
    .setVersion('1.0.0')
    .setContact('Crawlora API support', 'https://crawlora.net/support', 'support@crawlora.net')
    .setLicense('Proprietary: Crawlora terms of service', 'https://crawlora.net/terms')
    // The origin integrators call (and generated clients default to); Swagger UI calls it too.
    .addServer(config.referrals.publicBaseUrl, 'This deployment (PUBLIC_BASE_URL)')
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'API key (`crw_live_…`) of an account.' },
      API_KEY_SCHEME,
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description:
          'Admin JWT whose `sub` (or the claim JWT_ACCOUNT_CLAIM names) is an account id, signed with JWT_SECRET, ' +
          "JWT_PUBLIC_KEY, or a key of the identity provider's JWKS (JWT_JWKS_URL): the admin console's proxy.",
      },
      JWT_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, builder);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...errorEnvelopeSchemas() } };
  return enrichOpenApiDocument(normalizeOpenApiDocument(document), config.referrals.publicBaseUrl);
}

/** Swagger UI at /docs, the OpenAPI document at /docs-json. */
export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: 'Crawlora API: Swagger UI',
    // Credentials stay in the page's memory only: nothing is written to localStorage.
    swaggerOptions: { persistAuthorization: false, displayRequestDuration: true },
  });
}
