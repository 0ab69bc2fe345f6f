#!/usr/bin/env node
// Runs a compiled entry point (`node scripts/run-built.js dist/src/cli/main.js …args`), compiling the project
// first only when dist is missing or older than a source (build-if-stale.js): `npm run cli` then costs one Node
// start, not a build (a build here takes 8–22 s). Plain JavaScript on purpose: it must run before anything is compiled.
'use strict';
const { resolve } = require('node:path');
const { buildIfStale } = require('./build-if-stale');

const root = resolve(__dirname, '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-built.js dist/<entry>.js [args…]\n');
  process.exit(2);
}
try {
  buildIfStale();
} catch {
  process.exit(3); // tsc has printed the errors
}
process.argv = [process.argv[0], resolve(root, entry), ...args];
require(resolve(root, entry));
