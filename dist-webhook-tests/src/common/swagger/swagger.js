"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JWT_SCHEME = exports.API_KEY_SCHEME = void 0;
exports.buildOpenApiDocument = buildOpenApiDocument;
exports.setupSwagger = setupSwagger;
const swagger_1 = require("@nestjs/swagger");
const app_config_1 = require("../../config/app-config");
const api_description_1 = require("./api-description");
const openapi_enrichment_1 = require("./openapi-enrichment");
exports.API_KEY_SCHEME = 'x-api-key';
exports.JWT_SCHEME = 'jwt';
function buildOpenApiDocument(app) {
    const config = app.get(app_config_1.AppConfig);
    const builder = new swagger_1.DocumentBuilder()
        .setTitle('Crawlora billing & referrals API')
        .setDescription((0, api_description_1.apiDescription)(config.billing.catalog.publicPlans(), config.auth.failuresPerMinute))
        .setVersion('1.0.0')
        .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key', description: 'API key (`crw_live_…`) of an account.' }, exports.API_KEY_SCHEME)
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Admin JWT whose `sub` (or the claim JWT_ACCOUNT_CLAIM names) is an account id, signed with JWT_SECRET, ' +
            "JWT_PUBLIC_KEY, or a key of the identity provider's JWKS (JWT_JWKS_URL): the admin console's proxy.",
    }, exports.JWT_SCHEME)
        .build();
    // No `servers`: Swagger UI then calls the origin it was loaded from, whatever port or proxy serves it.
    return (0, openapi_enrichment_1.enrichOpenApiDocument)(swagger_1.SwaggerModule.createDocument(app, builder), config.referrals.publicBaseUrl);
}
/** Swagger UI at /docs, the OpenAPI document at /docs-json. */
function setupSwagger(app) {
    swagger_1.SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
        jsonDocumentUrl: 'docs-json',
        yamlDocumentUrl: 'docs-yaml',
        customSiteTitle: 'Crawlora API: Swagger UI',
        // Credentials stay in the page's memory only: nothing is written to localStorage.
        swaggerOptions: { persistAuthorization: false, displayRequestDuration: true },
    });
}
//# sourceMappingURL=swagger.js.map