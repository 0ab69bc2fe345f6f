import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GENERATE_SQL, SKIP_SQL_SNAPSHOT, SqlSample } from '../../database/generate-sql';

/** A class whose methods send SQL, with what each method's decorator says. */
export interface SnapshotTarget {
  /** Relative to the project root, e.g. `src/billing/metering.repository.ts`. */
  readonly sourceFile: string;
  readonly type: new (...args: never[]) => object;
  readonly methods: ReadonlyArray<{ name: string; samples: readonly SqlSample[] }>;
}

export interface Discovery {
  readonly targets: SnapshotTarget[];
  /** Methods of a repository (or of a class that opted in) with neither @GenerateSql nor @SkipSqlSnapshot. */
  readonly undecorated: string[];
}

/** Source files the generator loads: every repository, and every other file that uses the decorators. */
function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) files.push(path);
    }
  };
  walk(join(root, 'src'));
  return files
    .filter((file) => file.endsWith('.repository.ts') || /^\s*@(GenerateSql|SkipSqlSnapshot)\(/m.test(readFileSync(file, 'utf8')))
    .map((file) => relative(root, file))
    .sort();
}

const isClass = (value: unknown): value is new (...args: never[]) => object =>
  typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));

/** Own methods in source order (accessors and the constructor aside). */
function methodsOf(type: new (...args: never[]) => object): Array<[string, (...args: unknown[]) => unknown]> {
  const prototype = type.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype)
    .filter((name) => name !== 'constructor')
    .map((name) => [name, Object.getOwnPropertyDescriptor(prototype, name)?.value] as const)
    .filter((entry): entry is [string, (...args: unknown[]) => unknown] => typeof entry[1] === 'function');
}

/**
 * Loads the compiled modules (dist/) of those source files and lists their classes to snapshot: every class
 * exported by a `*.repository.ts`, and any other exported class with a decorated method. Every method of
 * those classes must carry one of the two decorators, so a new method cannot go unsnapshotted.
 */
export function discoverTargets(root: string): Discovery {
  const targets: SnapshotTarget[] = [];
  const undecorated: string[] = [];
  const seen = new Set<unknown>();
  for (const sourceFile of sourceFiles(root)) {
    const compiled = join(root, 'dist', sourceFile.replace(/\.ts$/, '.js'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(compiled) as Record<string, unknown>;
    for (const type of Object.values(exported).filter(isClass)) {
      if (seen.has(type)) continue;
      seen.add(type);
      const methods = methodsOf(type).map(([name, fn]) => ({
        name,
        samples: Reflect.getMetadata(GENERATE_SQL, fn) as SqlSample[] | undefined,
        skipped: Reflect.getMetadata(SKIP_SQL_SNAPSHOT, fn) as string | undefined,
      }));
      const optedIn = methods.some((method) => method.samples || method.skipped);
      if (!sourceFile.endsWith('.repository.ts') && !optedIn) continue;
      for (const method of methods) {
        if (!method.samples && !method.skipped) {
          undecorated.push(`${sourceFile}: ${type.name}.${method.name} has neither @GenerateSql(...) nor @SkipSqlSnapshot(reason)`);
        }
      }
      const snapshotted = methods.filter((method) => method.samples).map(({ name, samples }) => ({ name, samples: samples! }));
      if (snapshotted.length > 0) targets.push({ sourceFile, type, methods: snapshotted });
    }
  }
  return { targets, undecorated };
}
