// The OpenAPI contract suite (`npm run test:contract`): the built service, on a database of the test server,
// checked with Redocly CLI, openapi-typescript + tsc --strict and a Prism proxy. Kept out of `npm test`
// (jest.config.js matches *.e2e-spec.ts and *.spec.ts only): it needs a build and starts real processes, so CI
// runs it once, in its own step.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/contract/**/*.contract-spec.ts'],
  testTimeout: 300_000,
  maxWorkers: 1,
};
