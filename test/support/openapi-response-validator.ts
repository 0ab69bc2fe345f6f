import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { createHash } from 'node:crypto';

type Json = Record<string, any>;

/** What a response must show to be checked: supertest's and fetch's answers both fit. */
export interface CheckedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

const SCHEMA_ID = 'openapi';
const COMPONENT_REF = '#/components/schemas/';

/**
 * OpenAPI 3.0 schema → JSON Schema for ajv, read as Prism reads it: `nullable` widens its sibling `type` (and
 * adds null to its `enum`); without a `type` beside it, `nullable` means nothing (OpenAPI 3.0.3). Objects that
 * list their properties are closed (`additionalProperties: false`), except allOf members, which see each
 * other's properties: so an undocumented field in a response fails too, not only a wrong one.
 */
function toJsonSchema(schema: unknown, open: Set<string>, allOfMember = false): unknown {
  if (Array.isArray(schema)) return schema.map((item) => toJsonSchema(item, open));
  if (schema === null || typeof schema !== 'object') return schema;
  const source = schema as Json;
  if (typeof source.$ref === 'string') {
    return { $ref: `${SCHEMA_ID}#/definitions/${source.$ref.slice(COMPONENT_REF.length)}` };
  }
  const result: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'example' || key === 'examples' || key === 'nullable' || key.startsWith('x-')) continue;
    if (key === 'properties') {
      result.properties = Object.fromEntries(Object.entries(value as Json).map(([name, child]) => [name, toJsonSchema(child, open)]));
    } else if (key === 'allOf') {
      result.allOf = (value as unknown[]).map((member) => toJsonSchema(member, open, true));
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      result[key] = typeof value === 'object' ? toJsonSchema(value, open) : value;
    } else if (key === 'oneOf' || key === 'anyOf') {
      result[key] = (value as unknown[]).map((member) => toJsonSchema(member, open));
    } else {
      result[key] = value;
    }
  }
  if (source.nullable === true && typeof source.type === 'string') {
    result.type = [source.type, 'null'];
    if (Array.isArray(source.enum) && !source.enum.includes(null)) result.enum = [...source.enum, null];
  }
  if (!allOfMember && source.properties && source.additionalProperties === undefined) result.additionalProperties = false;
  return result;
}

/** Components referenced directly from an allOf: they are open, like inline allOf members. */
function allOfComponents(document: Json): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Json)) {
      if (key === 'allOf') {
        for (const member of value as Json[]) {
          if (typeof member.$ref === 'string') names.add(member.$ref.slice(COMPONENT_REF.length));
        }
      }
      if (key !== 'example' && key !== 'examples') walk(value);
    }
  };
  walk(document);
  return names;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  responses: Record<string, Json>;
}

const compiled = new Map<string, OpenApiResponseValidator>();

/**
 * Checks responses against an OpenAPI document: the path and method name an operation (paths the document
 * does not describe, such as /docs or an unknown route, are not checked), the status must be declared, and a
 * JSON body must match the declared schema. A mismatch throws an Error naming the operation, the status and
 * each property that differs, so a new route or DTO that drifts from its documentation fails its own tests.
 */
export class OpenApiResponseValidator {
  private readonly ajv: Ajv;
  private readonly operations: Operation[];
  private readonly validators = new Map<string, ValidateFunction>();

  /** One compiled validator per distinct document (test apps share one; compiling is the expensive part). */
  static for(document: Json): OpenApiResponseValidator {
    const key = createHash('sha1').update(JSON.stringify([document.paths, document.components?.schemas])).digest('hex');
    let validator = compiled.get(key);
    if (!validator) {
      validator = new OpenApiResponseValidator(document);
      compiled.set(key, validator);
    }
    return validator;
  }

  private constructor(document: Json) {
    const open = allOfComponents(document);
    const definitions = Object.fromEntries(
      Object.entries<Json>(document.components?.schemas ?? {}).map(([name, schema]) => [
        name,
        toJsonSchema(schema, open, open.has(name)),
      ]),
    );
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: SCHEMA_ID, definitions });
    this.operations = Object.entries<Json>(document.paths).flatMap(([template, item]) =>
      Object.entries<Json>(item)
        .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(method))
        .map(([method, operation]) => ({
          method,
          template,
          pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
          responses: operation.responses ?? {},
        })),
    );
  }

  /** Throws when `response` is not what the document declares for `method url`; returns quietly otherwise. */
  check(method: string, url: string, response: CheckedResponse): void {
    const path = new URL(url, 'http://localhost').pathname;
    const verb = method.toLowerCase();
    const operation = this.operations.find((candidate) => candidate.method === verb && candidate.pattern.test(path));
    if (!operation) return;
    const where = `${verb.toUpperCase()} ${operation.template} → ${response.status}`;
    const declared =
      operation.responses[String(response.status)] ??
      operation.responses[`${String(response.status)[0]}XX`] ??
      operation.responses.default;
    if (!declared) {
      throw new Error(
        `OpenAPI mismatch, ${where}: status ${response.status} is not declared (declared: ` +
          `${Object.keys(operation.responses).join(', ')}). Body: ${JSON.stringify(response.body)?.slice(0, 500)}`,
      );
    }
    const content: Record<string, Json> | undefined = declared.content;
    if (!content || verb === 'head') return;
    const contentType = String(response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!(contentType in content)) {
      throw new Error(
        `OpenAPI mismatch, ${where}: answered content-type "${contentType}", declared ${Object.keys(content).join(', ')}`,
      );
    }
    // Only JSON bodies are checked against a schema; another declared type (text/csv) is checked by its name.
    const schema = contentType === 'application/json' ? content[contentType].schema : undefined;
    if (!schema) return;
    const key = `${verb} ${operation.template} ${response.status}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema, new Set()) as object);
      this.validators.set(key, validate);
    }
    if (!validate(response.body)) {
      throw new Error(
        `OpenAPI mismatch, ${where}:\n${describe(validate.errors ?? [], response.body)}\n` +
          `Body: ${JSON.stringify(response.body).slice(0, 1500)}`,
      );
    }
  }
}

function valueAt(body: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), body);
}

/** One line per problem: the property path in the body, what the schema wants, what the body has. */
function describe(errors: ErrorObject[], body: unknown): string {
  const lines = errors
    // allOf/oneOf wrappers only repeat their members' errors.
    .filter((error) => !['allOf', 'anyOf', 'oneOf', 'if'].includes(error.keyword))
    .map((error) => {
      const property =
        error.keyword === 'additionalProperties'
          ? `${error.instancePath}/${(error.params as { additionalProperty: string }).additionalProperty}`
          : error.keyword === 'required'
            ? `${error.instancePath}/${(error.params as { missingProperty: string }).missingProperty}`
            : error.instancePath;
      const detail =
        error.keyword === 'additionalProperties'
          ? 'is not declared in the schema'
          : error.keyword === 'required'
            ? 'is required but missing'
            : `${error.message} (has ${JSON.stringify(valueAt(body, error.instancePath))})`;
      return `  body${property || ''} ${detail} [schema ${error.schemaPath}]`;
    });
  return [...new Set(lines)].join('\n');
}
