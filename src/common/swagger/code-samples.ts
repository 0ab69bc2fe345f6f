/** One concrete call of an operation, from which every language's sample is written. */
export interface SampleRequest {
  method: string;
  /** Absolute URL, query included. */
  url: string;
  /** Sends the caller's API key (from the CRAWLORA_API_KEY environment variable). */
  authenticated: boolean;
  /** Extra headers; a value is either a literal or a fresh UUID per call (Idempotency-Key). */
  headers: Array<{ name: string; value: string | typeof FRESH_UUID }>;
  body?: unknown;
  /** The operation answers a redirect, not a JSON envelope. */
  redirects?: boolean;
}

export const FRESH_UUID = Symbol('fresh-uuid');

/** The `x-codeSamples` entry (Redoc and other renderers read it; Swagger UI shows the description's copy). */
export interface CodeSample {
  lang: 'Shell' | 'JavaScript';
  label: string;
  source: string;
}

/** Single-quoted for a POSIX shell: nothing inside is expanded. */
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function curlSample(request: SampleRequest): string {
  const flags = request.redirects ? ' -i' : '';
  const lines = [`curl -s${flags}${request.method === 'GET' ? '' : ` -X ${request.method}`} "${request.url}"`];
  if (request.authenticated) lines.push(`-H "x-api-key: $CRAWLORA_API_KEY"`);
  for (const { name, value } of request.headers) {
    lines.push(value === FRESH_UUID ? `-H "${name}: $(uuidgen)"` : `-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (request.body !== undefined) {
    lines.push(`-H 'content-type: application/json'`, `-d ${shellQuote(JSON.stringify(request.body))}`);
  }
  return lines.join(' \\\n  ');
}

export function fetchSample(request: SampleRequest): string {
  const headers: string[] = [];
  if (request.authenticated) headers.push(`'x-api-key': process.env.CRAWLORA_API_KEY`);
  for (const { name, value } of request.headers) {
    headers.push(`'${name}': ${value === FRESH_UUID ? 'crypto.randomUUID()' : JSON.stringify(value)}`);
  }
  if (request.body !== undefined) headers.push(`'content-type': 'application/json'`);

  const options: string[] = [];
  if (request.method !== 'GET') options.push(`method: '${request.method}'`);
  // fetch follows redirects by default: the 302 and its Location are only visible with redirect: 'manual'.
  if (request.redirects) options.push(`redirect: 'manual'`);
  if (headers.length > 0) options.push(`headers: {\n    ${headers.join(',\n    ')},\n  }`);
  if (request.body !== undefined) options.push(`body: JSON.stringify(${JSON.stringify(request.body)})`);

  const call = options.length > 0 ? `fetch('${request.url}', {\n  ${options.join(',\n  ')},\n})` : `fetch('${request.url}')`;
  if (request.redirects) {
    return [
      `const response = await ${call};`,
      `// 302 (no body): where the visitor lands, and the attribution cookie when the click counted.`,
      `console.log(response.status, response.headers.get('location'), response.headers.get('set-cookie'));`,
    ].join('\n');
  }
  return [
    `const response = await ${call};`,
    `// Every answer is the envelope: { code, msg, data }.`,
    `const { code, msg, data } = await response.json();`,
  ].join('\n');
}

export function codeSamples(request: SampleRequest): CodeSample[] {
  return [
    { lang: 'Shell', label: 'curl', source: curlSample(request) },
    { lang: 'JavaScript', label: 'fetch', source: fetchSample(request) },
  ];
}

/** The samples as Markdown, for Swagger UI, which does not render `x-codeSamples`. */
export function codeSamplesMarkdown(samples: CodeSample[]): string {
  const fence = (sample: CodeSample) => (sample.lang === 'Shell' ? 'bash' : 'js');
  return samples.map((sample) => `**${sample.label}**\n\n\`\`\`${fence(sample)}\n${sample.source}\n\`\`\``).join('\n\n');
}
