import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { AppConfig } from '../src/config/app-config';
import { startBenchDatabase } from './bench-database';
import { buildDataset, DATASET_SIZES } from './dataset';
import { benchStatsQueries, WindowClassResult } from './stats-queries';

/**
 * `npm run bench [-- --size small|full]`: builds a referral program's history in a scratch PostgreSQL
 * (full: 10M clicks, 1M referrals, 200 campaigns over 400 days), then measures in the same run the stats
 * query per window class beside a plain COUNT, prints a table and writes bench/results/latest.json.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: 'string', default: 'full' } } });
  const sizeName = values.size as keyof typeof DATASET_SIZES;
  const size = DATASET_SIZES[sizeName];
  if (!size) throw new Error(`--size must be one of ${Object.keys(DATASET_SIZES).join(', ')}`);
  Logger.overrideLogger(['fatal', 'error', 'warn', 'log']);
  const log = (line: string) => Logger.log(line, 'Bench');

  const database = await startBenchDatabase();
  try {
    log(`Migrating the scratch database`);
    const context = await NestFactory.createApplicationContext(
      AppModule.forRoot(AppConfig.fromEnvironment({ DATABASE_URL: database.url, LOG_LEVEL: 'error' })),
      { logger: ['error'] },
    );
    await context.close();

    log(`Building the ${sizeName} dataset: ${size.clicks.toLocaleString('en')} clicks, ${size.referrals.toLocaleString('en')} referrals`);
    const datasetSeconds = await buildDataset(database.url, size, log);

    log('Measuring the stats query per window class');
    const queries = await benchStatsQueries(database.url, size, sizeName === 'full' ? 300 : 100);

    const result = {
      generatedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      size: sizeName,
      dataset: { ...size, loadSeconds: Math.round(datasetSeconds) },
      statsQueries: queries,
    };
    printQueries(queries);
    await mkdir(join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
    const file = join(__dirname, '..', '..', 'bench', 'results', 'latest.json');
    await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    log(`Wrote ${file}`);
  } finally {
    await database.stop();
  }
}

function printQueries(results: WindowClassResult[]): void {
  const rows = results.map((result) => ({
    window: result.windowClass + (result.campaign ? ', one campaign' : ''),
    'rollup p50 ms': result.rollupMs.p50,
    'rollup p95 ms': result.rollupMs.p95,
    'rollup p99 ms': result.rollupMs.p99,
    'raw COUNT p50 ms': result.rawCountMs.p50,
    'raw COUNT p95 ms': result.rawCountMs.p95,
  }));
  console.log('\nStats query latency (database time + one loopback round trip):');
  console.table(rows);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
