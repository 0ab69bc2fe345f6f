import { execFile, spawn, ChildProcess } from 'node:child_process';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { startBenchDatabase } from './bench-database';
import { median } from './median';
import { seedReportClicks } from '../deploy/topology/seed';
import { freePort } from '../test/support/free-port';

/**
 * `node dist/bench/compare-builds.js --before <checkout with a built dist/>`: the metered stats endpoint of
 * an older build beside this one, over HTTP on direct connections to one PostgreSQL (a database each, the
 * same funnel in both), in interleaved rounds (ABBA…), so what the change costs a request is measured in one
 * run on a shared, noisy machine. Prints requests/s and latency medians with min-max.
 */
const run = promisify(execFile);
const PATHS = [
  '/api/v1/admin/referrals/stats?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z',
  '/api/v1/admin/referrals/stats?from=2026-03-01T10:17:00Z&to=2026-04-11T03:00:00Z',
];

interface Build {
  readonly name: string;
  readonly root: string;
  port: number;
  key: string;
  child?: ChildProcess;
}


async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      before: { type: 'string' },
      rounds: { type: 'string', default: '8' },
      seconds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '16' },
    },
  });
  if (!values.before) throw new Error('--before <checkout with dist/> is required');
  const log = (line: string) => console.log(`[compare-builds] ${line}`);
  const database = await startBenchDatabase();
  const work = await mkdtemp(join(tmpdir(), 'crawlora-compare-'));
  const builds: Build[] = [
    { name: 'before', root: resolve(values.before), port: 0, key: '' },
    { name: 'after', root: resolve(__dirname, '..', '..'), port: 0, key: '' },
  ];
  try {
    const overrides = join(work, 'plans.json');
    await writeFile(overrides, JSON.stringify({ admin: { rate_limit_per_minute: 100_000, daily_cap: null } }));
    for (const build of builds) {
      const admin = new Client({ connectionString: database.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE compare_${build.name}`).finally(() => admin.end());
      const url = new URL(database.url);
      url.pathname = `/compare_${build.name}`;
      build.port = await freePort();
      const env = { ...process.env, DATABASE_URL: url.toString(), PORT: String(build.port), HOST: '127.0.0.1', LOG_LEVEL: 'error', DEMO_SEED: 'false', PLAN_OVERRIDES_FILE: overrides, DB_POOL_SIZE: '10' };
      const cli = async (...args: string[]) => JSON.parse((await run(process.execPath, [join(build.root, 'dist', 'src', 'cli', 'main.js'), ...args], { env, cwd: build.root })).stdout);
      // The CLI migrates the database the first time it connects; the server then finds nothing to do.
      const account = await cli('accounts:create', '--email', `ops@${build.name}.example`, '--plan', 'admin');
      build.key = (await cli('keys:create', '--account', account.id)).key;
      await seedReportClicks(url.toString(), account.id);
      build.child = spawn(process.execPath, [join(build.root, 'dist', 'src', 'main.js')], { env, cwd: build.root, stdio: 'ignore' });
      for (let i = 0; ; i++) {
        const ready = await fetch(`http://127.0.0.1:${build.port}/health/ready`).then((r) => r.ok, () => false);
        if (ready) break;
        if (i > 300) throw new Error(`${build.name} did not become ready`);
        await new Promise((r) => setTimeout(r, 100));
      }
      log(`${build.name}: ${build.root} on :${build.port}`);
    }
    const measure = (build: Build, seconds: number) =>
      autocannon({
        url: `http://127.0.0.1:${build.port}`,
        connections: Number(values.connections),
        duration: seconds,
        headers: { 'x-api-key': build.key },
        requests: PATHS.map((path) => ({ method: 'GET', path })),
      });
    for (const build of builds) await measure(build, 2); // warm-up
    const samples: Record<string, Array<{ rps: number; p50: number; p99: number; non2xx: number }>> = { before: [], after: [] };
    for (let r = 0; r < Number(values.rounds); r++) {
      for (const build of r % 2 === 0 ? builds : [...builds].reverse()) {
        const result = await measure(build, Number(values.seconds));
        samples[build.name].push({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors });
      }
    }
    const rows = Object.entries(samples).map(([name, list]) => ({
      build: name,
      'req/s median': Math.round(median(list.map((s) => s.rps))),
      'req/s min-max': `${Math.round(Math.min(...list.map((s) => s.rps)))}-${Math.round(Math.max(...list.map((s) => s.rps)))}`,
      'p50 ms median': median(list.map((s) => s.p50)),
      'p99 ms median': median(list.map((s) => s.p99)),
      'non-2xx': list.reduce((t, s) => t + s.non2xx, 0),
    }));
    log(`${values.rounds} interleaved rounds of ${values.seconds} s at ${values.connections} connections, metered stats endpoint, direct connections`);
    console.table(rows);
    log(`after/before req/s = ${(rows[1]['req/s median'] / rows[0]['req/s median']).toFixed(3)}`);
  } finally {
    for (const build of builds) build.child?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await database.stop();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
