/**
 * What counting refusals costs on a 429 flood: the same flood (one free account, every request refused as
 * rate_limited) with the usage counters recording, and with them switched off, in alternating rounds on one
 * service, so the machine's noise hits both alike. Prints req/s per round, medians with min–max, and the
 * database writes the counters made.
 *
 *   npm run build && node dist/bench/refusal-flood.bench.js [--rounds 3] [--seconds 3]
 */
import { Controller, Get, Module } from '@nestjs/common';
import autocannon from 'autocannon';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { Auth } from '../src/auth/auth.decorator';
import { ApiKeysService } from '../src/auth/api-keys/api-keys.service';
import { Credits } from '../src/billing/credits.decorator';
import { MeteringService } from '../src/billing/metering.service';
import { AppConfig } from '../src/config/app-config';
import { UsageCounterRecorder } from '../src/usage-history/usage-counter.recorder';
import { startBenchDatabase } from './bench-database';
import { median } from './median';

@Controller('flood')
class FloodController {
  @Get()
  @Auth()
  @Credits(1)
  ok(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [FloodController] })
class FloodModule {}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}


async function main(): Promise<void> {
  const rounds = argument('rounds', 3);
  const seconds = argument('seconds', 3);
  const database = await startBenchDatabase();
  const overrides = join(mkdtempSync(join(tmpdir(), 'flood-')), 'plans.json');
  writeFileSync(overrides, JSON.stringify({ free: { rate_limit_per_minute: 1 } }));
  const config = AppConfig.fromEnvironment({
    ...process.env,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'error',
    PLAN_OVERRIDES_FILE: overrides,
    DEMO_SEED: 'false',
    WEBHOOK_WORKER_ENABLED: 'false',
  });
  const app = await createApp(config, [FloodModule]);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('not listening');
  const db = app.get(DataSource);
  const [{ id }] = await db.query(`INSERT INTO accounts (email, plan) VALUES ('flood@bench.example', 'free') RETURNING id`);
  const key = (await app.get(ApiKeysService).create(id, { name: 'flood' })).key;
  const recorder = app.get(UsageCounterRecorder);
  const listeners = (app.get(MeteringService) as unknown as { admissionListeners: unknown[] }).admissionListeners;
  const recording = [...listeners];

  const flood = async () => {
    const result = await autocannon({
      url: `http://127.0.0.1:${address.port}/api/v1/flood`,
      connections: 50,
      duration: seconds,
      requests: [{ method: 'GET', headers: { 'x-api-key': key } }],
    });
    return { rps: result.requests.average, non2xx: result.non2xx, errors: result.errors };
  };

  await flood(); // warm-up
  const figures: Record<'counted' | 'not counted', number[]> = { counted: [], 'not counted': [] };
  let writes = 0;
  let refused = 0;
  for (let round = 0; round < rounds; round++) {
    for (const variant of round % 2 === 0 ? (['counted', 'not counted'] as const) : (['not counted', 'counted'] as const)) {
      listeners.splice(0, listeners.length, ...(variant === 'counted' ? recording : []));
      const writesBefore = recorder.writes;
      const result = await flood();
      await recorder.flush();
      if (variant === 'counted') {
        writes += recorder.writes - writesBefore;
        refused += result.non2xx;
      }
      figures[variant].push(result.rps);
      console.log(`round ${round + 1} ${variant.padEnd(11)} ${Math.round(result.rps)} req/s (${result.non2xx} refused, ${result.errors} errors)`);
    }
  }
  for (const [variant, values] of Object.entries(figures)) {
    console.log(`${variant.padEnd(11)} median ${Math.round(median(values))} req/s (min ${Math.round(Math.min(...values))}, max ${Math.round(Math.max(...values))})`);
  }
  const [{ rows }] = await db.query(`SELECT count(*)::int AS rows FROM usage_daily_counters`);
  console.log(`counted rounds: ${refused} refusals, ${writes} counter writes (${(writes / refused).toFixed(5)} per refusal), ${rows} counter rows in all`);
  await app.close();
  await database.stop();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
