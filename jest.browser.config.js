// Browser tests (`npm run test:browser`): Debian's Chromium, driven by playwright-core, against the built
// service started as `npm start` starts it. Kept out of `npm test` (jest.config.js matches *.e2e-spec.ts and
// *.spec.ts only): they need /usr/bin/chromium and a build, and they are slow.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'commonjs' }, sourceMaps: 'inline' },
    ],
  },
  testTimeout: 60_000,
  // Each file starts its own service and browser: one at a time on a 2-core machine.
  maxWorkers: 1,
};
