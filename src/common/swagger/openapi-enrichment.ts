import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  RequestBodyObject,
  SchemaObject,
} from '@nestjs/swagger';
import { codeSamples, codeSamplesMarkdown, FRESH_UUID, SampleRequest } from './code-samples';
import { utcMidnight } from './examples';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

/**
 * Parameters left without an example on purpose: Swagger UI pre-fills "Try it out" with a parameter's example.
 * Some only make sense with a fresh value (Idempotency-Key: a repeat replays the first answer) or one taken
 * from a previous response (cursor); the code samples generate a fresh Idempotency-Key instead. The optional
 * filters (campaign, status, referrer) only narrow: pre-filled, a first Execute would show an empty or all-zero
 * answer for a campaign that deployment never had. Their descriptions give an example instead.
 */
export const PARAMETERS_WITHOUT_EXAMPLE = new Set(['Idempotency-Key', 'cursor', 'campaign', 'status', 'referrer']);
const FRESH_HEADERS = new Set(['Idempotency-Key']);

/**
 * Examples by parameter name, for parameters whose schema says too little to derive one: the date-time
 * bounds (a valid window: from before to) and free-text UTM tags. A route's own example always wins.
 */
const NAMED_EXAMPLES: Record<string, string> = {
  from: utcMidnight(-30),
  to: utcMidnight(1),
  utm_term: 'web_scraping_api',
  utm_content: 'header_link',
};
const UUID_EXAMPLE = '0b7f3c52-8f0e-4a57-9b7e-2f0a6f2a4c11';

const isReference = (value: object): value is ReferenceObject => '$ref' in value;

/** The label that puts an operation's price in its title, where Swagger UI's operation list shows it. */
export function costLabel(operation: OperationObject & { 'x-credit-cost'?: number }): string {
  const cost = operation['x-credit-cost'];
  if (cost === undefined) return operation.security?.length ? 'not metered' : 'public, free';
  if (cost === 0) return 'free (0 credits)';
  return `${cost} credit${cost === 1 ? '' : 's'}`;
}

/**
 * Finishes the generated document in one place, for every operation at once, so no route can be added
 * without them: the credit cost in the summary, an example for every parameter, and curl and fetch samples
 * (as `x-codeSamples`, and in the description because Swagger UI renders only that).
 */
export function enrichOpenApiDocument(document: OpenAPIObject, baseUrl: string): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      // Samples use only the examples the route declares itself, not the fill-ins below (a sample listing every
      // optional filter would find nothing).
      const samples = codeSamples(sampleRequest(document, path, method, operation, baseUrl));
      fillParameterExamples(operation);
      operation.summary = `${operation.summary ?? `${method.toUpperCase()} ${path}`} · ${costLabel(operation)}`;
      operation.description = [operation.description, '#### Code samples', codeSamplesMarkdown(samples)]
        .filter(Boolean)
        .join('\n\n');
      Object.assign(operation, { 'x-codeSamples': samples });
    }
  }
  return document;
}

function parametersOf(operation: OperationObject): ParameterObject[] {
  return (operation.parameters ?? []).filter((p): p is ParameterObject => !isReference(p));
}

function schemaOf(parameter: ParameterObject): SchemaObject {
  return parameter.schema && !isReference(parameter.schema) ? parameter.schema : {};
}

function declaredExample(parameter: ParameterObject): unknown {
  return parameter.example ?? schemaOf(parameter).example;
}

/** An example for a parameter the route left without one, derived from its schema. */
function derivedExample(parameter: ParameterObject): unknown {
  const schema = schemaOf(parameter);
  if (NAMED_EXAMPLES[parameter.name] !== undefined) return NAMED_EXAMPLES[parameter.name];
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.format === 'uuid') return UUID_EXAMPLE;
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  return undefined;
}

function fillParameterExamples(operation: OperationObject): void {
  for (const parameter of parametersOf(operation)) {
    if (PARAMETERS_WITHOUT_EXAMPLE.has(parameter.name) || declaredExample(parameter) !== undefined) continue;
    const example = derivedExample(parameter);
    if (example !== undefined) parameter.example = example;
  }
}

function sampleRequest(
  document: OpenAPIObject,
  path: string,
  method: string,
  operation: OperationObject,
  baseUrl: string,
): SampleRequest {
  const parameters = parametersOf(operation);
  let resolvedPath = path;
  const query: string[] = [];
  const headers: SampleRequest['headers'] = [];
  for (const parameter of parameters) {
    const example = declaredExample(parameter) ?? derivedExample(parameter);
    if (parameter.in === 'path') {
      resolvedPath = resolvedPath.replace(`{${parameter.name}}`, encodeURIComponent(String(example ?? `<${parameter.name}>`)));
    } else if (parameter.in === 'query' && (parameter.required || declaredExample(parameter) !== undefined)) {
      // ':' is legal in a query and keeps date-times readable; '+' (an offset) must be escaped.
      query.push(`${parameter.name}=${encodeURIComponent(String(example)).replace(/%3A/gi, ':')}`);
    } else if (parameter.in === 'header') {
      if (FRESH_HEADERS.has(parameter.name)) headers.push({ name: parameter.name, value: FRESH_UUID });
      else if (example !== undefined) headers.push({ name: parameter.name, value: String(example) });
    }
  }
  return {
    method: method.toUpperCase(),
    url: `${baseUrl.replace(/\/$/, '')}${resolvedPath}${query.length ? `?${query.join('&')}` : ''}`,
    authenticated: Boolean(operation.security?.length),
    headers,
    body: bodyExample(document, operation.requestBody),
    redirects: Object.keys(operation.responses).some((status) => status.startsWith('3')),
  };
}

/** The JSON body an operation takes, built from its schema's property examples. */
function bodyExample(document: OpenAPIObject, body: RequestBodyObject | ReferenceObject | undefined): unknown {
  if (!body || isReference(body)) return undefined;
  const media = body.content['application/json'];
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  let schema = media.schema;
  if (schema && isReference(schema)) schema = document.components?.schemas?.[schema.$ref.split('/').pop()!];
  if (!schema || isReference(schema)) return {};
  return Object.fromEntries(
    Object.entries(schema.properties ?? {})
      .map(([name, property]) => [name, isReference(property) ? undefined : property.example] as const)
      .filter(([, example]) => example !== undefined),
  );
}
