import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { findPgBouncer } from './pgbouncer';
import { findBinary, giveToServerUser, startProcess, Started, waitFor } from './processes';
import { seedReportClicks } from './seed';
import { startCluster, startStandby } from './standby';

/**
 * `npm run topology [-- --instances 2 --requests 1500 --connections 32]`: the reference deployment of deploy/ on
 * this machine: a primary and a streaming standby (embedded binaries, base backup API), Debian's PgBouncer in
 * transaction mode in front of both, N instances of the service (TRUST_PROXY = the proxy), nginx in front of
 * them. Runs a bounded smoke load through nginx (metered reports, read from the standby), prints the figures
 * (throughput, latency, where reads were served, statements/s per server, CPU per component) and checks the
 * money (ledger == 2xx, billing:reconcile clean). Everything lives in temp dirs on ports 3120-3129 (HTTP),
 * 54420-54429 (PostgreSQL) and 64320-64329 (PgBouncer), and is stopped and removed on exit.
 */
const PORTS = { nginx: 3120, firstInstance: 3121, primary: 54420, replica: 54421, pgbouncer: 64320 };
const DATABASE = 'crawlora';
const METRICS_TOKEN = 'topology-metrics-token';
const ROOT = resolve(__dirname, '..', '..', '..');
const WINDOW = 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
const LOAD_PATHS = [
  `/api/v1/admin/referrals/stats?${WINDOW}`,
  `/api/v1/admin/referrals/stats/timeseries?${WINDOW}&interval=month&timezone=UTC`,
  `/api/v1/admin/referrals/stats/campaigns?${WINDOW}`,
  '/api/v1/admin/referrals?limit=20',
];

const log = (line: string) => console.log(`[topology] ${line}`);
const run = promisify(execFile);

function render(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`no value for {{${key}}}`);
    return String(values[key]);
  });
}

/** CPU seconds (user + system) of a process and all its descendants, from /proc. */
function cpuSeconds(rootPid: number): number {
  const ticks = 100; // USER_HZ on Linux
  const parents = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / ticks);
    } catch {
      // exited meanwhile
    }
  }
  let total = 0;
  for (const [pid, seconds] of cpu) {
    for (let current: number | undefined = pid; current && current > 1; current = parents.get(current)) {
      if (current === rootPid) {
        total += seconds;
        break;
      }
    }
  }
  return total;
}

async function transactions(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`);
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      instances: { type: 'string', default: '2' },
      requests: { type: 'string', default: '1500' },
      connections: { type: 'string', default: '32' },
    },
  });
  const instanceCount = Number(values.instances);
  const requests = Number(values.requests);
  const connections = Number(values.connections);
  if (!(instanceCount >= 1 && instanceCount <= 8) || !(requests > 0 && requests <= 100_000)) throw new Error('--instances 1-8, --requests 1-100000');
  const pgbouncerBinary = findPgBouncer();
  const nginxBinary = findBinary('nginx', ['/usr/sbin/nginx']);
  if (!pgbouncerBinary || !nginxBinary) throw new Error('needs Debian\'s pgbouncer and nginx: apt-get install pgbouncer nginx');

  const cleanup: Array<() => Promise<unknown>> = [];
  const onSignal = () => void shutdown().then(() => process.exit(130));
  const shutdown = async () => {
    for (const step of cleanup.reverse()) await step().catch((error: Error) => log(`cleanup: ${error.message}`));
    cleanup.length = 0;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const work = await mkdtemp(join(tmpdir(), 'crawlora-topology-'));
  await chmod(work, 0o755);
  cleanup.push(() => rm(work, { recursive: true, force: true }));
  try {
    log(`primary on 127.0.0.1:${PORTS.primary}, standby on :${PORTS.replica} (base backup API, embedded binaries)`);
    const primary = await startCluster({ port: PORTS.primary, database: DATABASE, settings: ['-c', 'max_connections=100'] });
    cleanup.push(() => primary.stop());
    const standby = await startStandby({ primaryUrl: primary.url, primaryDataDir: primary.dataDir, port: PORTS.replica });
    cleanup.push(() => standby.stop());

    const password = decodeURIComponent(new URL(primary.url).password);
    const bouncerDir = join(work, 'pgbouncer');
    await run('mkdir', ['-p', bouncerDir]);
    await writeFile(join(bouncerDir, 'userlist.txt'), `"postgres" "${password}"\n`);
    await writeFile(
      join(bouncerDir, 'pgbouncer.ini'),
      render(await readFile(join(ROOT, 'deploy', 'pgbouncer', 'pgbouncer.ini'), 'utf8'), {
        primary_host: '127.0.0.1',
        primary_port: PORTS.primary,
        replica_host: '127.0.0.1',
        replica_port: PORTS.replica,
        database: DATABASE,
        listen_addr: '127.0.0.1',
        listen_port: PORTS.pgbouncer,
        auth_type: 'scram-sha-256',
        auth_file: join(bouncerDir, 'userlist.txt'),
        pool_size: 8,
        logfile: join(bouncerDir, 'pgbouncer.log'),
        pidfile: join(bouncerDir, 'pgbouncer.pid'),
      }),
    );
    giveToServerUser(bouncerDir);
    const bouncer = startProcess(pgbouncerBinary, [join(bouncerDir, 'pgbouncer.ini')]);
    cleanup.push(() => bouncer.stop());
    const pooled = (database: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${PORTS.pgbouncer}/${database}`;
    await waitFor('PgBouncer', async () => {
      const client = new Client({ connectionString: pooled(DATABASE), connectionTimeoutMillis: 1000 });
      await client.connect();
      await client.query('SELECT 1').finally(() => client.end());
    });
    log(`PgBouncer ${PORTS.pgbouncer} (transaction mode): ${DATABASE} -> primary, ${DATABASE}_replica -> standby`);

    const overrides = join(work, 'plans.json');
    // Limits lifted so the smoke load measures throughput; every request is still metered and charged.
    await writeFile(overrides, JSON.stringify({ admin: { rate_limit_per_minute: 100_000, daily_cap: null } }));
    const env = {
      ...process.env,
      DATABASE_URL: pooled(DATABASE),
      DATABASE_REPLICA_URLS: pooled(`${DATABASE}_replica`),
      DB_REPLICA_MAX_LAG_MS: '2000',
      DB_POOL_SIZE: '10',
      TRUST_PROXY: '127.0.0.1',
      HOST: '127.0.0.1',
      METRICS_TOKEN,
      PLAN_OVERRIDES_FILE: overrides,
      DEMO_SEED: 'false',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    };
    const instances: Array<{ port: number; process: Started }> = [];
    const outputs = new Map<number, string[]>();
    for (let i = 0; i < instanceCount; i++) {
      const port = PORTS.firstInstance + i;
      // They boot at once: the migrations run once, under the transaction-scoped lock, through PgBouncer.
      const output: string[] = [];
      const instance = startProcess(
        process.execPath,
        [join(ROOT, 'dist', 'src', 'main.js')],
        (line) => {
          output.push(line.slice(0, 400));
          if (output.length > 40) output.shift();
          if (process.env.TOPOLOGY_DEBUG || /"level":"(error|fatal)"/.test(line)) log(`instance :${port}: ${line.slice(0, 400)}`);
        },
        { env: { ...env, PORT: String(port) }, asServerUser: false },
      );
      outputs.set(port, output);
      instances.push({ port, process: instance });
      cleanup.push(() => instance.stop('SIGTERM'));
    }
    for (const { port } of instances) {
      await waitFor(`instance :${port}`, async () => {
        const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
        if (response.status !== 200) throw new Error(`ready answered ${response.status} ${await response.text()}`);
      }, 120_000).catch((error: Error) => {
        throw new Error(`${error.message}\n--- its last output:\n${outputs.get(port)?.join('\n')}`);
      });
    }
    log(`${instanceCount} instances ready on :${PORTS.firstInstance}-${PORTS.firstInstance + instanceCount - 1} (TRUST_PROXY=127.0.0.1)`);

    const nginxDir = join(work, 'nginx');
    await run('mkdir', ['-p', nginxDir]);
    const site = render(await readFile(join(ROOT, 'deploy', 'nginx', 'crawlora.conf'), 'utf8'), {
      upstream_servers: instances.map(({ port }) => `    server 127.0.0.1:${port} max_fails=2 fail_timeout=5s;`).join('\n'),
      listen: `127.0.0.1:${PORTS.nginx}`,
      proxy_address: '127.0.0.1',
    });
    // The minimal main file a non-root nginx needs: every path inside the temp dir.
    await writeFile(
      join(nginxDir, 'nginx.conf'),
      `worker_processes 2;\npid ${nginxDir}/nginx.pid;\nerror_log ${nginxDir}/error.log warn;\nevents { worker_connections 1024; }\n` +
        `http {\n  access_log off;\n  client_body_temp_path ${nginxDir}/body;\n  proxy_temp_path ${nginxDir}/proxy;\n` +
        `  fastcgi_temp_path ${nginxDir}/fastcgi;\n  uwsgi_temp_path ${nginxDir}/uwsgi;\n  scgi_temp_path ${nginxDir}/scgi;\n${site}\n}\n`,
    );
    giveToServerUser(nginxDir);
    const nginx = startProcess(nginxBinary, ['-p', nginxDir, '-c', join(nginxDir, 'nginx.conf'), '-g', 'daemon off;'], (line) => log(`nginx: ${line}`));
    cleanup.push(() => nginx.stop('SIGQUIT'));
    const proxy = `http://127.0.0.1:${PORTS.nginx}`;
    await waitFor('nginx', async () => {
      if ((await fetch(`${proxy}/health/ready`)).status !== 200) throw new Error('not ready');
    });
    log(`nginx on ${proxy} -> ${instanceCount} instances`);

    // An admin key made with the CLI, through PgBouncer like everything else; a small funnel to report on.
    const cli = async (...args: string[]) =>
      JSON.parse((await run(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'main.js'), ...args], { env })).stdout);
    const account = await cli('accounts:create', '--email', 'ops@topology.example', '--plan', 'admin');
    const { key } = await cli('keys:create', '--account', account.id, '--name', 'topology smoke');
    await seedReportClicks(primary.url, account.id);
    await standby.catchUp();

    const cpuByComponent = () => ({
      instances: instances.reduce((total, { process: p }) => total + cpuSeconds(p.child.pid!), 0),
      primary: cpuSeconds(primary.pid),
      replica: cpuSeconds(standby.pid),
      pgbouncer: cpuSeconds(bouncer.child.pid!),
      nginx: cpuSeconds(nginx.child.pid!),
    });
    const counters = { primary: await transactions(primary.url), replica: await transactions(standby.url) };
    const cpuBefore = cpuByComponent();
    log(`smoke load: ${requests} requests at ${connections} connections through nginx, ${LOAD_PATHS.length} report routes (1 credit each)`);
    const started = Date.now();
    const result = await autocannon({
      url: proxy,
      connections,
      // A fixed amount, so every request is answered before the figures are taken (none cut off in flight).
      amount: requests,
      headers: { 'x-api-key': key },
      requests: LOAD_PATHS.map((path) => ({ method: 'GET', path })),
    });
    const elapsed = (Date.now() - started) / 1000;
    // Answers still in flight when the load stopped are served and charged a moment later: wait until every
    // provisional charge is confirmed or refunded before comparing the ledger with the 2xx the instances sent.
    const settle = new Client({ connectionString: primary.url });
    await settle.connect();
    await waitFor('charges settled', async () => {
      const { rows } = await settle.query(`SELECT count(*)::int AS pending FROM billing_pending_charges`);
      if (rows[0].pending > 0) throw new Error(`${rows[0].pending} charges pending`);
    }).finally(() => settle.end());
    const cpuAfter = cpuByComponent();
    const commits = { primary: (await transactions(primary.url)) - counters.primary, replica: (await transactions(standby.url)) - counters.replica };

    // Where the reads were served, and the 2xx the instances sent (autocannon does not count the answers
    // still in flight when its duration ends, though they were served and charged), from their metrics.
    const sources: Record<string, number> = {};
    let served2xx = 0;
    for (const { port } of instances) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      for (const match of text.matchAll(/^db_report_reads_total\{source="(\w+)",server="[^"]+"\} (\d+)/gm)) {
        sources[match[1]] = (sources[match[1]] ?? 0) + Number(match[2]);
      }
      for (const match of text.matchAll(/^http_requests_total\{method="GET",route="\/api\/v1\/admin[^"]*",status="2\d\d"\} (\d+)/gm)) {
        served2xx += Number(match[1]);
      }
    }
    const ledger = new Client({ connectionString: primary.url });
    await ledger.connect();
    const [{ credits }] = (await ledger.query(`SELECT coalesce(sum(credits), 0)::int AS credits FROM billing_ledger WHERE account_id = $1`, [account.id])).rows;
    await ledger.end();
    const reconcile = await cli('billing:reconcile');
    const ok = served2xx;

    console.log('');
    console.table([
      {
        seconds: Math.round(elapsed * 10) / 10,
        'requests/s': Math.round(requests / elapsed),
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        '2xx (client)': result['2xx'],
        '2xx (served)': ok,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
      },
    ]);
    console.table([
      { server: 'primary (metering, auth)', 'transactions/s': Math.round(commits.primary / elapsed) },
      { server: 'standby (reports)', 'transactions/s': Math.round(commits.replica / elapsed) },
    ]);
    console.table(
      (Object.keys(cpuAfter) as Array<keyof typeof cpuAfter>).map((component) => ({
        component,
        'CPU cores busy': Math.round(((cpuAfter[component] - cpuBefore[component]) / elapsed) * 100) / 100,
      })),
    );
    log(`report statements by source: ${JSON.stringify(sources)}`);
    log(`ledger credits ${credits} vs 2xx ${ok} (difference ${credits - ok}); billing:reconcile ${JSON.stringify(reconcile)}`);
    if (result.errors + result.timeouts > 0 || result.non2xx > 0 || credits !== ok || !reconcile.ok || !(sources.replica > 0)) {
      throw new Error('smoke load failed: errors, non-2xx answers, ledger != 2xx, reconcile drift, or no replica reads');
    }
    log('smoke load passed');
  } finally {
    await shutdown();
  }
}

main().catch((error: Error) => {
  console.error(`[topology] failed: ${error.message}`);
  process.exit(1);
});
