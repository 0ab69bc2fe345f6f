import { AppConfig } from './app-config';
import { ConfigValidationError } from './environment';

describe('AppConfig.fromEnvironment', () => {
  it('applies every default when nothing is set', () => {
    const config = AppConfig.fromEnvironment({});

    expect(config.http).toEqual({ host: '0.0.0.0', port: 3000, shutdownGraceMs: 10_000, trustProxy: false, bodyLimitBytes: 65_536, corsOrigins: [] });
    expect(config.auth).toEqual({ jwt: undefined, apiKeyCacheTtlMs: 5000, failuresPerMinute: 30 });
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

describe('JWT configuration', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';

  it('pins HS256 for a shared secret and RS256/ES256 for a public key by default', () => {
    expect(AppConfig.fromEnvironment({ JWT_SECRET: secret }).auth.jwt?.algorithms).toEqual(['HS256']);
    const pem = '-----BEGIN PUBLIC KEY-----\\nMFkw\\n-----END PUBLIC KEY-----';
    const jwt = AppConfig.fromEnvironment({ JWT_PUBLIC_KEY: pem }).auth.jwt;
    expect(jwt?.algorithms).toEqual(['RS256', 'ES256']);
    expect(jwt?.verificationKey).toBe('-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----');
    expect(jwt?.signingSecret).toBeUndefined();
  });

  it('refuses algorithms that do not fit the key (algorithm confusion) and "none"', () => {
    expect(() => AppConfig.fromEnvironment({ JWT_SECRET: secret, JWT_ALGORITHMS: 'HS256,RS256' })).toThrow(/RS256/);
    expect(() => AppConfig.fromEnvironment({ JWT_SECRET: secret, JWT_ALGORITHMS: 'none' })).toThrow(/JWT_ALGORITHMS/);
  });

  it('refuses a short secret without echoing it', () => {
    expect(() => AppConfig.fromEnvironment({ JWT_SECRET: 'short-secret' })).toThrow(/JWT_SECRET=\(hidden\)/);
    expect(() => AppConfig.fromEnvironment({ JWT_SECRET: 'short-secret' })).not.toThrow(/short-secret/);
  });
});
