import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '../../config/app-config';
import { apiDescription } from './api-description';
import { enrichOpenApiDocument } from './openapi-enrichment';

export const API_KEY_SCHEME = 'x-api-key';
export const JWT_SCHEME = 'jwt';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = app.get(AppConfig);
  const builder = new DocumentBuilder()
    .setTitle('Crawlora billing & referrals API')
    .setDescription(apiDescription(config.billing.catalog.publicPlans(), config.auth.failuresPerMinute))
    .setVersion('1.0.0')
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
  // No `servers`: Swagger UI then calls the origin it was loaded from, whatever port or proxy serves it.
  return enrichOpenApiDocument(SwaggerModule.createDocument(app, builder), config.referrals.publicBaseUrl);
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
