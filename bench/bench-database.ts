import { ScratchDatabase, startScratchDatabase } from '../src/database/scratch-database';

export type BenchDatabase = ScratchDatabase;

/**
 * A scratch database for a benchmark run (see startScratchDatabase): on the embedded server, with room for a
 * 10M-row load: bigger caches and fewer checkpoints than the development defaults.
 */
export function startBenchDatabase(): Promise<BenchDatabase> {
  const settings = ['-c', 'shared_buffers=1GB', '-c', 'max_wal_size=8GB', '-c', 'checkpoint_timeout=30min', '-c', 'maintenance_work_mem=512MB'];
  return startScratchDatabase('bench', settings);
}
