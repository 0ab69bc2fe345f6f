import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from './app-config';
import { ConfigValidationError } from './environment';

const dir = mkdtempSync(join(tmpdir(), 'plans-spec-'));
let written = 0;

function fileWith(content: string): string {
  const file = join(dir, `plans-${++written}.json`);
  writeFileSync(file, content);
  return file;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PLAN_OVERRIDES_FILE at boot', () => {
  it('builds the catalog from the file', () => {
    const config = AppConfig.fromEnvironment({ PLAN_OVERRIDES_FILE: fileWith('{"starter": {"daily_cap": 7}}') });

    expect(config.billing.catalog.limitsOf('starter').dailyCap).toBe(7);
  });

  it('stops the boot with a message naming the variable, the file and the field', () => {
    const file = fileWith('{"starter": {"daily_cap": "lots"}}');
    const attempt = () => AppConfig.fromEnvironment({ PLAN_OVERRIDES_FILE: file });

    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(`PLAN_OVERRIDES_FILE: ${file}: starter.daily_cap must be an integer >= 1, or null for no cap`);
  });

  it('stops the boot on a missing file or invalid JSON', () => {
    expect(() => AppConfig.fromEnvironment({ PLAN_OVERRIDES_FILE: '/nonexistent/plans.json' })).toThrow(
      /PLAN_OVERRIDES_FILE: cannot read \/nonexistent\/plans.json: ENOENT/,
    );
    expect(() => AppConfig.fromEnvironment({ PLAN_OVERRIDES_FILE: fileWith('{free:') })).toThrow(/is not valid JSON/);
  });

  it('uses the contract table when the variable is unset', () => {
    expect(AppConfig.fromEnvironment({}).billing.catalog.limitsOf('free').dailyCap).toBe(500);
  });
});
