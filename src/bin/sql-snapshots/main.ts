import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import { startScratchDatabase } from '../../database/scratch-database';
import { generateSnapshots } from './generate';
import { labelsOf, QUERIES_DIR } from './snapshot-files';

/**
 * `npm run sql:snapshots`: regenerates docs/queries/*.sql, the SQL every repository method sends (see
 * src/database/generate-sql.ts). `npm run sql:snapshots -- --check`: regenerates in memory and fails, with a
 * diff, when the committed files differ (CI runs this). Uses a fresh embedded PostgreSQL in a temporary
 * directory, or a temporary database on the server named by DATABASE_URL.
 */
async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const root = projectRoot();
  Logger.overrideLogger(['fatal', 'error', 'warn']);
  const started = Date.now();
  const database = await startScratchDatabase('sql_snapshots');
  let generated;
  try {
    generated = await generateSnapshots(root, database.url);
  } finally {
    await database.stop();
  }
  const { files, problems, samples } = generated;
  if (problems.length > 0) {
    console.error(`SQL snapshots: ${problems.length} problem(s); nothing was ${check ? 'checked' : 'written'}:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    return 1;
  }
  const summary = `${files.size} files, ${samples} samples, ${((Date.now() - started) / 1000).toFixed(1)} s`;
  const dir = join(root, QUERIES_DIR);
  if (check) {
    const differences = compare(dir, files);
    if (differences.length === 0) {
      console.log(`SQL snapshots match the code (${summary}).`);
      return 0;
    }
    console.error(differences.join('\n\n'));
    console.error(`\nSQL snapshots are out of date: run \`npm run sql:snapshots\` and commit ${QUERIES_DIR}/ (review the diff).`);
    return 1;
  }
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (name.endsWith('.sql') && !files.has(name)) unlinkSync(join(dir, name));
  // Unchanged files are left alone (their mtime too: scripts/run-built.js rebuilds when a source is newer).
  for (const [name, content] of files) {
    const path = join(dir, name);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== content) writeFileSync(path, content);
  }
  console.log(`Wrote ${QUERIES_DIR}/ (${summary}).`);
  return 0;
}

/** What differs between the committed snapshots and the generated ones, readably; empty when nothing does. */
function compare(dir: string, files: Map<string, string>): string[] {
  const committed = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.sql')) : [];
  const differences: string[] = [];
  for (const name of committed.filter((name) => !files.has(name)).sort()) {
    differences.push(`${QUERIES_DIR}/${name}: no source file writes it any more (delete it)`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'sql-snapshots-'));
  try {
    for (const [name, content] of files) {
      const path = join(dir, name);
      if (!existsSync(path)) {
        differences.push(`${QUERIES_DIR}/${name}: missing (${labelsOf(content).length} methods/routines not snapshotted)`);
        continue;
      }
      const old = readFileSync(path, 'utf8');
      if (old === content) continue;
      const oldLabels = new Set(labelsOf(old));
      const newLabels = new Set(labelsOf(content));
      const lines = [`${QUERIES_DIR}/${name} differs from the code:`];
      for (const label of newLabels) if (!oldLabels.has(label)) lines.push(`  no snapshot of ${label}`);
      for (const label of oldLabels) if (!newLabels.has(label)) lines.push(`  snapshot of ${label}, which no longer exists`);
      const generatedPath = join(scratch, name);
      writeFileSync(generatedPath, content);
      const diff = spawnSync('diff', ['-u', '--label', `committed ${QUERIES_DIR}/${name}`, '--label', 'generated from the code', path, generatedPath], {
        encoding: 'utf8',
      });
      lines.push(diff.error ? '  (install diff to see the lines that differ)' : diff.stdout.trimEnd());
      differences.push(lines.join('\n'));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return differences;
}

/** The directory holding package.json, above this compiled file (dist/src/bin/sql-snapshots/). */
function projectRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src'))) return dir;
  }
  throw new Error('project root not found above ' + __dirname);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
