"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FRESH_UUID = void 0;
exports.curlSample = curlSample;
exports.fetchSample = fetchSample;
exports.codeSamples = codeSamples;
exports.codeSamplesMarkdown = codeSamplesMarkdown;
exports.FRESH_UUID = Symbol('fresh-uuid');
/** Single-quoted for a POSIX shell: nothing inside is expanded. */
const shellQuote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;
function curlSample(request) {
    const lines = [`curl -s${request.method === 'GET' ? '' : ` -X ${request.method}`} "${request.url}"`];
    if (request.authenticated)
        lines.push(`-H "x-api-key: $CRAWLORA_API_KEY"`);
    for (const { name, value } of request.headers) {
        lines.push(value === exports.FRESH_UUID ? `-H "${name}: $(uuidgen)"` : `-H ${shellQuote(`${name}: ${value}`)}`);
    }
    if (request.body !== undefined) {
        lines.push(`-H 'content-type: application/json'`, `-d ${shellQuote(JSON.stringify(request.body))}`);
    }
    return lines.join(' \\\n  ');
}
function fetchSample(request) {
    const headers = [];
    if (request.authenticated)
        headers.push(`'x-api-key': process.env.CRAWLORA_API_KEY`);
    for (const { name, value } of request.headers) {
        headers.push(`'${name}': ${value === exports.FRESH_UUID ? 'crypto.randomUUID()' : JSON.stringify(value)}`);
    }
    if (request.body !== undefined)
        headers.push(`'content-type': 'application/json'`);
    const options = [];
    if (request.method !== 'GET')
        options.push(`method: '${request.method}'`);
    if (headers.length > 0)
        options.push(`headers: {\n    ${headers.join(',\n    ')},\n  }`);
    if (request.body !== undefined)
        options.push(`body: JSON.stringify(${JSON.stringify(request.body)})`);
    const call = options.length > 0 ? `fetch('${request.url}', {\n  ${options.join(',\n  ')},\n})` : `fetch('${request.url}')`;
    return [
        `const response = await ${call};`,
        `// Every answer is the envelope: { code, msg, data }.`,
        `const { code, msg, data } = await response.json();`,
    ].join('\n');
}
function codeSamples(request) {
    return [
        { lang: 'Shell', label: 'curl', source: curlSample(request) },
        { lang: 'JavaScript', label: 'fetch', source: fetchSample(request) },
    ];
}
/** The samples as Markdown, for Swagger UI, which does not render `x-codeSamples`. */
function codeSamplesMarkdown(samples) {
    const fence = (sample) => (sample.lang === 'Shell' ? 'bash' : 'js');
    return samples.map((sample) => `**${sample.label}**\n\n\`\`\`${fence(sample)}\n${sample.source}\n\`\`\``).join('\n\n');
}
//# sourceMappingURL=code-samples.js.map