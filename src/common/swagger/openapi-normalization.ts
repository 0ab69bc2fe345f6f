import type { OpenAPIObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

type Json = Record<string, unknown>;

/** Every schema object in the document (components, parameters, bodies, responses), nested ones included. */
function visitSchemas(value: unknown, visit: (schema: Json) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visitSchemas(item, visit);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const node = value as Json;
  if ('type' in node || 'allOf' in node || 'oneOf' in node || 'anyOf' in node || 'nullable' in node) visit(node);
  for (const [key, child] of Object.entries(node)) {
    // Examples are data, not schemas: a `{ type: … }` inside one must stay as written.
    if (key !== 'example' && key !== 'examples') visitSchemas(child, visit);
  }
}

/**
 * Fixes what @nestjs/swagger writes and the OpenAPI 3.0 tools read differently, for every route at once:
 *
 * - A nullable reference (`@ApiProperty({ type: Model, nullable: true })`) comes out as
 *   `{ type: 'object', nullable: true, allOf: [{ $ref }] }`, which no 3.0 reading makes nullable: `nullable`
 *   widens only its own `type`, and the referenced schema still refuses null (Prism reports `overage: null`).
 *   Without `type` Prism and openapi-typescript accept it, but OpenAPI 3.0.3 and Redocly
 *   (`nullable-type-sibling`) do not. What every one of them reads as "this object or null" is the object
 *   itself beside `nullable`, so the referenced schema is inlined there (checked with each tool).
 * - Public routes get `security: []`: the only way to protect a route is @Auth(), which writes its security,
 *   so an operation without one is public by construction and says so.
 */
export function normalizeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Json>;
  const inlined = new Set<string>();
  visitSchemas(document, (schema) => {
    const members = schema.allOf as Json[] | undefined;
    if (schema.nullable !== true || members?.length !== 1 || typeof members[0].$ref !== 'string') return;
    const name = (members[0].$ref as string).replace('#/components/schemas/', '');
    const target = schemas[name];
    if (!target || target.type !== 'object') return;
    inlined.add(name);
    const { description } = schema;
    delete schema.allOf;
    Object.assign(schema, structuredClone(target), { nullable: true }, description ? { description } : {});
  });
  // A component used only where it was inlined would be listed for nothing (Redocly: no-unused-components).
  const text = JSON.stringify(document);
  for (const name of inlined) {
    if (!text.includes(`"#/components/schemas/${name}"`)) delete schemas[name];
  }
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation && operation.security === undefined) operation.security = [];
    }
  }
  return document;
}
