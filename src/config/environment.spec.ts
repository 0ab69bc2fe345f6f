import { AppConfig } from './app-config';
import { ConfigValidationError } from './environment';

describe('AppConfig.fromEnvironment', () => {
  it('applies every default when nothing is set', () => {
    const config = AppConfig.fromEnvironment({});

    expect(config.http).toEqual({ host: '0.0.0.0', port: 3000, shutdownGraceMs: 10_000 });
    expect(config.database.url).toBeUndefined();
    expect(config.demoSeed).toBe(true);
  });

  it('treats empty variables as unset', () => {
    expect(AppConfig.fromEnvironment({ PORT: '', DATABASE_URL: '' }).http.port).toBe(3000);
  });

  it('does not load demo data on an external database unless asked', () => {
    expect(AppConfig.fromEnvironment({ DATABASE_URL: 'postgres://db/x' }).demoSeed).toBe(false);
    expect(AppConfig.fromEnvironment({ DATABASE_URL: 'postgres://db/x', DEMO_SEED: 'true' }).demoSeed).toBe(true);
  });

  it('names every bad variable', () => {
    const attempt = () =>
      AppConfig.fromEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SWAGGER_ENABLED: 'maybe' });

    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(/PORT="eighty"/);
    expect(attempt).toThrow(/DATABASE_URL/);
    expect(attempt).toThrow(/SWAGGER_ENABLED/);
  });
});
