import { AppConfig } from './app-config';
import { ConfigValidationError } from './environment';

describe('AppConfig.fromEnvironment', () => {
  it('applies every default when nothing is set', () => {
    const config = AppConfig.fromEnvironment({});

    expect(config.http).toEqual({ host: '0.0.0.0', port: 3000, shutdownGraceMs: 10_000, trustProxy: false, bodyLimitBytes: 65_536, corsOrigins: [] });
    expect(config.auth).toEqual({ jwt: undefined, apiKeyCacheTtlMs: 5000, failuresPerMinute: 30, maxLiveApiKeysPerAccount: 20 });
    expect(config.database.url).toBeUndefined();
    expect(config.demoSeed).toBe(true);
  });

  it('derives the share-link origin and the landing page from PORT when PUBLIC_BASE_URL is unset', () => {
    const derived = AppConfig.fromEnvironment({ PORT: '3131' }).referrals;
    const set = AppConfig.fromEnvironment({ PORT: '3131', PUBLIC_BASE_URL: 'https://api.example.com' }).referrals;

    expect([derived.publicBaseUrl, derived.landingUrl, derived.cookieSecure]).toEqual([
      'http://localhost:3131',
      'http://localhost:3131/docs',
      false,
    ]);
    expect([set.publicBaseUrl, set.landingUrl, set.cookieSecure]).toEqual([
      'https://api.example.com',
      'https://api.example.com/docs',
      true,
    ]);
  });

  it('treats empty variables as unset', () => {
    expect(AppConfig.fromEnvironment({ PORT: '', DATABASE_URL: '' }).http.port).toBe(3000);
  });

  it('does not load demo data on an external database unless asked', () => {
    expect(AppConfig.fromEnvironment({ DATABASE_URL: 'postgres://db/x' }).demoSeed).toBe(false);
    expect(AppConfig.fromEnvironment({ DATABASE_URL: 'postgres://db/x', DEMO_SEED: 'true' }).demoSeed).toBe(true);
  });

  it('reads replica URLs as a comma list, and refuses a bad one without echoing credentials', () => {
    const config = AppConfig.fromEnvironment({
      DATABASE_REPLICA_URLS: 'postgres://app:pw@replica-1/db, postgresql://app:pw@replica-2:6432/db',
      DB_REPLICA_MAX_LAG_MS: '2500',
    });
    expect(config.database.replicaUrls).toEqual(['postgres://app:pw@replica-1/db', 'postgresql://app:pw@replica-2:6432/db']);
    expect(config.database.replicaMaxLagMs).toBe(2500);
    expect(AppConfig.fromEnvironment({}).database).toMatchObject({ replicaUrls: [], replicaMaxLagMs: 5000 });
    const attempt = () => AppConfig.fromEnvironment({ DATABASE_REPLICA_URLS: 'postgres://app:secret@r1/db,mysql://x' });
    expect(attempt).toThrow(/DATABASE_REPLICA_URLS=\(hidden\)/);
    expect(attempt).not.toThrow(/secret/);
  });

  it('names every bad variable', () => {
    const attempt = () =>
      AppConfig.fromEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SWAGGER_ENABLED: 'maybe' });

    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(/PORT="eighty"/);
    expect(attempt).toThrow(/DATABASE_URL/);
    expect(attempt).toThrow(/SWAGGER_ENABLED/);
  });

  it('trusts X-Forwarded-For only from listed proxies, and refuses TRUST_PROXY=true', () => {
    expect(AppConfig.fromEnvironment({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,::1,fd00::/8,loopback' }).http.trustProxy).toBe(
      '10.0.0.0/8,192.168.1.7,::1,fd00::/8,loopback',
    );
    expect(() => AppConfig.fromEnvironment({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true: trusting X-Forwarded-For from every client/);
    expect(() => AppConfig.fromEnvironment({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/"10.0.0.0\/33" is not an IP address, a CIDR/);
    expect(() => AppConfig.fromEnvironment({ TRUST_PROXY: '2' })).toThrow(/"2" is not an IP address/);
  });

  it('remembers whether the embedded data directory is the default (as root the default may move)', () => {
    expect(AppConfig.fromEnvironment({}).database.embedded).toMatchObject({ defaultDataDir: true, dataDir: expect.stringMatching(/\/\.data\/postgres$/) });
    expect(AppConfig.fromEnvironment({ EMBEDDED_PG_DIR: '/srv/pg' }).database.embedded).toMatchObject({ defaultDataDir: false, dataDir: '/srv/pg' });
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

describe('JWT configuration with an identity provider JWKS (JWT_JWKS_URL)', () => {
  const jwks = {
    JWT_JWKS_URL: 'https://idp.example.com/realms/crawlora/protocol/openid-connect/certs',
    JWT_ISSUER: 'https://idp.example.com/realms/crawlora',
    JWT_AUDIENCE: 'crawlora-admin-api',
  };

  it('pins RS256/ES256 by default, with the fetch policy defaults', () => {
    const jwt = AppConfig.fromEnvironment(jwks).auth.jwt;
    expect(jwt?.algorithms).toEqual(['RS256', 'ES256']);
    expect(jwt?.jwks).toEqual({ url: jwks.JWT_JWKS_URL, cooldownMs: 30_000, cacheMaxAgeMs: 600_000, timeoutMs: 5000 });
    expect(jwt?.verificationKey).toBeUndefined();
    expect(jwt?.accountClaim).toBe('sub');
  });

  it('refuses HS* algorithms with a JWKS at boot (a public key used as an HMAC secret)', () => {
    expect(() => AppConfig.fromEnvironment({ ...jwks, JWT_ALGORITHMS: 'RS256,HS256' })).toThrow(/HS256 cannot be used with JWT_JWKS_URL/);
  });

  it('requires JWT_ISSUER and JWT_AUDIENCE (an IdP signs tokens for every application with the same keys)', () => {
    expect(() => AppConfig.fromEnvironment({ ...jwks, JWT_AUDIENCE: '' })).toThrow(/JWT_ISSUER and JWT_AUDIENCE/);
    expect(() => AppConfig.fromEnvironment({ ...jwks, JWT_ISSUER: '' })).toThrow(/JWT_ISSUER and JWT_AUDIENCE/);
  });

  it('refuses a second key source, and a JWKS fetched in clear from a non-loopback host', () => {
    expect(() => AppConfig.fromEnvironment({ ...jwks, JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters' })).toThrow(
      /JWT_SECRET and JWT_JWKS_URL: set one/,
    );
    expect(() => AppConfig.fromEnvironment({ ...jwks, JWT_JWKS_URL: 'http://idp.example.com/certs' })).toThrow(/JWT_JWKS_URL/);
    expect(AppConfig.fromEnvironment({ ...jwks, JWT_JWKS_URL: 'http://127.0.0.1:4160/jwks.json' }).auth.jwt?.jwks?.url).toBe(
      'http://127.0.0.1:4160/jwks.json',
    );
  });
});
