import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PLANS } from '../plans/plan-registry';
import { writePlanCheckMigration } from './plan-check-migration';

// `npm run plans:migration` (compiled, run by scripts/run-built.js): see plan-check-migration.ts.

/** The project root (where package.json is), from src/database or its compiled copy in dist/src/database. */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
    dir = dirname(dir);
  }
  return dir;
}

const databaseDir = resolve(projectRoot(__dirname), 'src', 'database');
const written = writePlanCheckMigration(databaseDir);
if (written === null) {
  process.stdout.write(`The latest CHECK on accounts.plan already lists the registry's plans (${PLANS.join(', ')}): nothing to write.\n`);
} else {
  process.stdout.write(
    `Wrote ${written.file} (${written.from.join(', ')} -> ${written.to.join(', ')}) and added ${written.className} to schema.ts.\n`,
  );
}
