#!/usr/bin/env node
// Runs a compiled entry point (`node scripts/run-built.js dist/src/cli/main.js …args`), compiling the project
// first only when dist is missing or older than a source: `npm run cli` then costs one Node start, not a build
// (a build here takes 8–22 s). Plain JavaScript on purpose: it must run before anything is compiled.
'use strict';
const { execFileSync } = require('node:child_process');
const { readdirSync, statSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const stamp = join(root, 'dist', '.build-stamp');
/** What the build reads: a change to any of these makes dist stale. */
const INPUTS = ['src', 'bench', 'deploy', 'ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

function newestInput(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestInput(join(path, name))), stat.mtimeMs);
}

function buildIfStale() {
  const built = statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built >= Math.max(...INPUTS.map((input) => newestInput(join(root, input))))) return;
  process.stderr.write(built ? 'Sources changed since the last build: compiling…\n' : 'No build yet: compiling once…\n');
  const started = Date.now();
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  process.stderr.write(`Compiled in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

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
