"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PARAMETERS_WITHOUT_EXAMPLE = void 0;
exports.costLabel = costLabel;
exports.enrichOpenApiDocument = enrichOpenApiDocument;
const code_samples_1 = require("./code-samples");
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
/**
 * Parameters left without an example on purpose: Swagger UI pre-fills "Try it out" with a parameter's example,
 * and these only make sense with a fresh value (Idempotency-Key: a repeat replays the first answer) or one taken
 * from a previous response (cursor). The code samples generate a fresh Idempotency-Key instead.
 */
exports.PARAMETERS_WITHOUT_EXAMPLE = new Set(['Idempotency-Key', 'cursor']);
const FRESH_HEADERS = new Set(['Idempotency-Key']);
/**
 * Examples by parameter name, for parameters whose schema says too little to derive one: the date-time
 * bounds (a valid window: from before to) and free-text UTM tags. A route's own example always wins.
 */
const NAMED_EXAMPLES = {
    from: '2026-10-01T00:00:00Z',
    to: '2026-11-01T00:00:00Z',
    utm_term: 'web_scraping_api',
    utm_content: 'header_link',
};
const UUID_EXAMPLE = '0b7f3c52-8f0e-4a57-9b7e-2f0a6f2a4c11';
const isReference = (value) => '$ref' in value;
/** The label that puts an operation's price in its title, where Swagger UI's operation list shows it. */
function costLabel(operation) {
    const cost = operation['x-credit-cost'];
    if (cost === undefined)
        return operation.security?.length ? 'not metered' : 'public, free';
    if (cost === 0)
        return 'free (0 credits)';
    return `${cost} credit${cost === 1 ? '' : 's'}`;
}
/**
 * Finishes the generated document in one place, for every operation at once, so no route can be added
 * without them: the credit cost in the summary, an example for every parameter, and curl and fetch samples
 * (as `x-codeSamples`, and in the description because Swagger UI renders only that).
 */
function enrichOpenApiDocument(document, baseUrl) {
    for (const [path, item] of Object.entries(document.paths)) {
        for (const method of METHODS) {
            const operation = item[method];
            if (!operation)
                continue;
            // Samples use only the examples the route declares itself, not the fill-ins below (a sample listing every
            // optional filter would find nothing).
            const samples = (0, code_samples_1.codeSamples)(sampleRequest(document, path, method, operation, baseUrl));
            fillParameterExamples(operation);
            operation.summary = `${operation.summary ?? `${method.toUpperCase()} ${path}`} · ${costLabel(operation)}`;
            operation.description = [operation.description, '#### Code samples', (0, code_samples_1.codeSamplesMarkdown)(samples)]
                .filter(Boolean)
                .join('\n\n');
            Object.assign(operation, { 'x-codeSamples': samples });
        }
    }
    return document;
}
function parametersOf(operation) {
    return (operation.parameters ?? []).filter((p) => !isReference(p));
}
function schemaOf(parameter) {
    return parameter.schema && !isReference(parameter.schema) ? parameter.schema : {};
}
function declaredExample(parameter) {
    return parameter.example ?? schemaOf(parameter).example;
}
/** An example for a parameter the route left without one, derived from its schema. */
function derivedExample(parameter) {
    const schema = schemaOf(parameter);
    if (NAMED_EXAMPLES[parameter.name] !== undefined)
        return NAMED_EXAMPLES[parameter.name];
    if (schema.default !== undefined)
        return schema.default;
    if (schema.enum?.length)
        return schema.enum[0];
    if (schema.format === 'uuid')
        return UUID_EXAMPLE;
    if (schema.type === 'integer' || schema.type === 'number')
        return schema.minimum ?? 1;
    return undefined;
}
function fillParameterExamples(operation) {
    for (const parameter of parametersOf(operation)) {
        if (exports.PARAMETERS_WITHOUT_EXAMPLE.has(parameter.name) || declaredExample(parameter) !== undefined)
            continue;
        const example = derivedExample(parameter);
        if (example !== undefined)
            parameter.example = example;
    }
}
function sampleRequest(document, path, method, operation, baseUrl) {
    const parameters = parametersOf(operation);
    let resolvedPath = path;
    const query = [];
    const headers = [];
    for (const parameter of parameters) {
        const example = declaredExample(parameter) ?? derivedExample(parameter);
        if (parameter.in === 'path') {
            resolvedPath = resolvedPath.replace(`{${parameter.name}}`, encodeURIComponent(String(example ?? `<${parameter.name}>`)));
        }
        else if (parameter.in === 'query' && (parameter.required || declaredExample(parameter) !== undefined)) {
            // ':' is legal in a query and keeps date-times readable; '+' (an offset) must be escaped.
            query.push(`${parameter.name}=${encodeURIComponent(String(example)).replace(/%3A/gi, ':')}`);
        }
        else if (parameter.in === 'header') {
            if (FRESH_HEADERS.has(parameter.name))
                headers.push({ name: parameter.name, value: code_samples_1.FRESH_UUID });
            else if (example !== undefined)
                headers.push({ name: parameter.name, value: String(example) });
        }
    }
    return {
        method: method.toUpperCase(),
        url: `${baseUrl.replace(/\/$/, '')}${resolvedPath}${query.length ? `?${query.join('&')}` : ''}`,
        authenticated: Boolean(operation.security?.length),
        headers,
        body: bodyExample(document, operation.requestBody),
    };
}
/** The JSON body an operation takes, built from its schema's property examples. */
function bodyExample(document, body) {
    if (!body || isReference(body))
        return undefined;
    const media = body.content['application/json'];
    if (!media)
        return undefined;
    if (media.example !== undefined)
        return media.example;
    let schema = media.schema;
    if (schema && isReference(schema))
        schema = document.components?.schemas?.[schema.$ref.split('/').pop()];
    if (!schema || isReference(schema))
        return {};
    return Object.fromEntries(Object.entries(schema.properties ?? {})
        .map(([name, property]) => [name, isReference(property) ? undefined : property.example])
        .filter(([, example]) => example !== undefined));
}
//# sourceMappingURL=openapi-enrichment.js.map