// Compiles the project into dist/ when dist is missing or older than a source, under a lock: the CLI launcher
// (run-built.js) and every test suite that starts the built service share one build, and nobody rebuilds dist/
// while another process is starting from it (node on a main.js tsc has just truncated exits silently).
// Plain JavaScript on purpose: it must run before anything is compiled.
'use strict';
const { execFileSync } = require('node:child_process');
const { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const dist = join(root, 'dist');
const stamp = join(dist, '.build-stamp');
const lock = join(dist, '.build-lock');
/** What the build reads: a change to any of these makes dist stale. */
const INPUTS = ['src', 'bench', 'deploy', 'ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
/** A build here takes 8–22 s; a waiter gives up well after the slowest. */
const LOCK_WAIT_MS = 10 * 60_000;

function newestInput(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestInput(join(path, name))), stat.mtimeMs);
}

function isStale() {
  const built = statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return built < Math.max(...INPUTS.map((input) => newestInput(join(root, input))));
}

/** True when the lock's holder has died without releasing it (its pid file names a process that is gone). */
function holderIsGone() {
  const pid = Number(readFileSync(join(lock, 'pid'), { encoding: 'utf8', flag: 'r' }).trim() || 0);
  if (!pid) return false; // just taken: the holder is writing its pid
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH';
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `work` holding dist/.build-lock (mkdir is atomic: one process at a time, on any number of them). */
function withBuildLock(work) {
  mkdirSync(dist, { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let gone = false;
      try {
        gone = holderIsGone();
      } catch {
        // The holder released it (or is writing its pid) between our mkdir and this read: try again.
      }
      if (gone) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${lock} held for over ${LOCK_WAIT_MS / 1000} s: remove it if no build runs`);
      else sleep(200);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds when stale; returns whether it built. tsc's errors go to stderr, and a failed build throws. */
function buildIfStale() {
  if (!isStale()) return false;
  return withBuildLock(() => {
    if (!isStale()) return false; // built by the process that held the lock before us
    const first = !statSync(stamp, { throwIfNoEntry: false });
    process.stderr.write(first ? 'No build yet: compiling once…\n' : 'Sources changed since the last build: compiling…\n');
    const started = Date.now();
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    writeFileSync(stamp, `${new Date().toISOString()}\n`);
    process.stderr.write(`Compiled in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    return true;
  });
}

module.exports = { buildIfStale };
