import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/**
 * The layering of src/, checked on every import (static, type-only and dynamic) of every non-test file:
 *
 *   plans → config → common → database → features (accounts, auth, billing, …) → the composition root (src/*.ts)
 *
 * A file may import its own folder and the layers to its left, never one to its right: plans imports nothing,
 * config only plans, common only plans and config, database only those three. Features import each other
 * freely, but no file may take part in an import cycle. Two rules for migrations: database/migrations/ may also
 * import features (the routine bodies and closed sets of values they install, the pattern of
 * database/routines.ts: such a migration re-installs what the code says, and readiness checks the two agree),
 * and nothing but database/schema.ts (the list of migrations) imports a migration: runtime code never does.
 */
const SRC = __dirname;
const LOW_LAYERS = ['plans', 'config', 'common', 'database'] as const;
const FEATURES = [
  'idempotency',
  'accounts',
  'auth',
  'billing',
  'referrals',
  'webhooks',
  'usage-history',
  'demo',
  'health',
  'observability',
  'console',
  'cli',
];
const MIGRATIONS = 'database/migrations/';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The src-relative files `file` imports (relative specifiers only: packages are not part of the layering). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => {
      const target = resolve(dirname(file), specifier);
      const resolved = [`${target}.ts`, join(target, 'index.ts'), target].find((candidate) => existsSync(candidate));
      if (!resolved) throw new Error(`${relative(SRC, file)} imports ${specifier}, which does not resolve to a file`);
      return relative(SRC, resolved);
    });
}

const graph = new Map(sourceFiles(SRC).map((file) => [relative(SRC, file), importsOf(file)]));

const folderOf = (file: string) => (file.includes('/') ? file.split('/')[0] : '<root>');
const layerOf = (file: string) => LOW_LAYERS.indexOf(folderOf(file) as (typeof LOW_LAYERS)[number]);

/** Why `from` may not import `to`, or null when it may. */
export function layeringViolation(from: string, to: string): string | null {
  if (to.startsWith(MIGRATIONS) && from !== 'database/schema.ts' && !from.startsWith(MIGRATIONS)) {
    return 'only database/schema.ts lists migrations: runtime code must not import one (move what it needs to a runtime module)';
  }
  const fromLayer = layerOf(from);
  if (fromLayer === -1) return null; // a feature or the root: anything below it, and other features
  const toLayer = layerOf(to);
  if (toLayer !== -1 && toLayer <= fromLayer) return null;
  if (from.startsWith(MIGRATIONS) && FEATURES.includes(folderOf(to))) return null;
  return `${folderOf(from)}/ is below ${folderOf(to) === '<root>' ? 'the composition root' : `${folderOf(to)}/`} and must not import it`;
}

/** Every import cycle, each as the files around it (Tarjan's strongly connected components). */
function cycles(): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowLinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    indices.set(file, index);
    lowLinks.set(file, index++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!indices.has(target)) {
        visit(target);
        lowLinks.set(file, Math.min(lowLinks.get(file)!, lowLinks.get(target)!));
      } else if (onStack.has(target)) {
        lowLinks.set(file, Math.min(lowLinks.get(file)!, indices.get(target)!));
      }
    }
    if (lowLinks.get(file) === indices.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || graph.get(file)?.includes(file)) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!indices.has(file)) visit(file);
  return found;
}

describe('the import graph of src/', () => {
  it('reads every source file and its imports', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('auth/auth.decorator.ts')).toContain('auth/guards/credentials.guard.ts');
  });

  it('has no import cycle', () => {
    expect(cycles()).toEqual([]);
  });

  it('never imports upward: plans, config, common and database import no feature (nor a layer above them)', () => {
    const violations = [...graph].flatMap(([from, targets]) =>
      targets.flatMap((to) => {
        const why = layeringViolation(from, to);
        return why ? [`${from} -> ${to}: ${why}`] : [];
      }),
    );
    expect(violations).toEqual([]);
  });

  it.each([
    ['common/http/error-response.ts', 'database/pools.ts'],
    ['config/app-config.ts', 'billing/metering.service.ts'],
    ['database/schema.ts', 'accounts/entities/account.entity.ts'],
    ['plans/plan-catalog.ts', 'config/app-config.ts'],
    ['referrals/stats/stats-sql.ts', 'database/migrations/1764400000000-referral-stats-rollups.ts'],
  ])('refuses %s -> %s', (from, to) => {
    expect(layeringViolation(from, to)).not.toBeNull();
  });

  it.each([
    ['database/migrations/1764720000001-hot-statement-routines.ts', 'billing/metering.sql.ts'],
    ['database/schema.ts', 'database/migrations/1764136800000-initial-schema.ts'],
    ['billing/usage.service.ts', 'referrals/stats/funnel.ts'],
    ['common/swagger/swagger.ts', 'config/app-config.ts'],
  ])('allows %s -> %s', (from, to) => {
    expect(layeringViolation(from, to)).toBeNull();
  });
});

const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All']);

/** `Controller.method` of every route handler written without a return type. */
function untypedHandlers(): string[] {
  return [...graph.keys()]
    .filter((file) => file.endsWith('.controller.ts') || file === 'console/console.ts')
    .flatMap((file) => {
      const source = ts.createSourceFile(file, readFileSync(join(SRC, file), 'utf8'), ts.ScriptTarget.Latest, true);
      const found: string[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isMethodDeclaration(node) && !node.type) {
          const routed = ts.getDecorators(node)?.some(({ expression }) => {
            const callee = ts.isCallExpression(expression) ? expression.expression : expression;
            return ts.isIdentifier(callee) && ROUTE_DECORATORS.has(callee.text);
          });
          const owner = ts.isClassDeclaration(node.parent) ? node.parent.name?.text : '?';
          if (routed) found.push(`${file}: ${owner}.${node.name.getText(source)}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      return found;
    });
}

describe('the controllers', () => {
  it('declare what every route handler returns (its response DTO, which the Swagger schema describes)', () => {
    expect(untypedHandlers()).toEqual([]);
  });
});
