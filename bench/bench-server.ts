import 'reflect-metadata';
import { getHeapSpaceStatistics } from 'node:v8';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { closeHttpServer } from '../src/common/http/close-http-server';
import { ApiKeysService } from '../src/auth/api-keys/api-keys.service';
import { AppConfig } from '../src/config/app-config';
import { DemoSeedService } from '../src/demo/demo-seed.service';
import { BenchRoutesModule } from './bench-routes.module';
import { PEER_USAGE_ROWS, PEER_USAGE_TABLE, PeerModule } from './peer/peer.module';

export interface BenchServerReady {
  port: number;
  apiKeys: string[];
  /** The account behind each key, same order, with its plan: the soak signs JWTs for them. */
  accounts: Array<{ id: string; plan: string }>;
}

/** Sent by the parent as `'memory'`; answered with this process's memory figures. */
export interface BenchServerMemory {
  memory: NodeJS.MemoryUsage;
  /** V8's heap by space (new, old, code, large objects…), MB committed: where the heap's share of RSS sits. */
  spaces: Record<string, number>;
}

/**
 * The service under test, in its own process so the load generator does not share its event loop. Creates
 * BENCH_ACCOUNTS accounts, each with a key, on BENCH_PLAN (a comma-separated list gives a mix, assigned
 * round-robin): the load is spread over them, as real traffic is spread over customers, so no single
 * account's rate limit refuses the benchmark's requests. The demo data is seeded only into an empty database
 * (a database that already holds the benchmark's dataset is left as it is). The peer (peer/peer.module.ts) is
 * mounted beside the twins, its Redis route only when BENCH_PEER_REDIS_URL is set.
 */
async function main(): Promise<void> {
  const config = AppConfig.fromEnvironment({ ...process.env, LOG_LEVEL: 'error', DEMO_SEED: 'false' });
  // BENCH_PEER_REDIS_URL is set only when the parent found Redis answering (http.bench.ts).
  const app = await createApp(config, [BenchRoutesModule, PeerModule.forRoot(process.env.BENCH_PEER_REDIS_URL || undefined)]);
  await app.get(DemoSeedService).seedIfEmpty();
  const db = app.get(DataSource);
  const accounts = Number(process.env.BENCH_ACCOUNTS ?? 100);
  const plans = (process.env.BENCH_PLAN ?? 'enterprise').split(',');
  const apiKeys: string[] = [];
  const created: BenchServerReady['accounts'] = [];
  const accountIds: string[] = [];
  for (let i = 0; i < accounts; i++) {
    const [{ id }] = await db.query(`INSERT INTO accounts (email, plan) VALUES ($1, $2) RETURNING id`, [
      `bench-${i}-${Date.now()}@example.com`,
      plans[i % plans.length],
    ]);
    created.push({ id, plan: plans[i % plans.length] });
    apiKeys.push((await app.get(ApiKeysService).create(id, { name: 'bench' })).key);
    accountIds.push(id);
  }
  await db.query(PEER_USAGE_TABLE);
  await db.query(PEER_USAGE_ROWS, [accountIds]);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('not listening');
  process.on('message', (message) => {
    if (message !== 'memory') return;
    const spaces = Object.fromEntries(
      getHeapSpaceStatistics().map((space) => [space.space_name.replace(/_space$/, ''), Math.round(space.space_size / 2 ** 20)]),
    );
    process.send?.({ memory: process.memoryUsage(), spaces } satisfies BenchServerMemory);
  });
  process.send?.({ port: address.port, apiKeys, accounts: created } satisfies BenchServerReady);
  // As main.ts does: stop accepting and drain first, then close the app (which lets pending settlements finish).
  process.once('SIGTERM', () => {
    void closeHttpServer(app.getHttpServer()).then(() => app.close()).then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
