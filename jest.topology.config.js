// The suites that run the service behind real outside processes (Debian's PgBouncer, a streaming standby made
// with PostgreSQL's base backup API): `npm run test:topology`, one file at a time, in their own CI step.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/topology/**/*.topology-spec.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
};
