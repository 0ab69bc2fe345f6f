import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { sign, type Algorithm } from 'jsonwebtoken';
import type { Plan } from '../../src/plans/plan-registry';
import { planOverridesFile, removePlanOverridesFiles } from '../billing/support/billing-fixtures';
import { Instance, startInstance } from '../billing/support/instances';
import { createAccountWithKey } from '../support/auth-fixtures';
import { seededRandom } from '../support/random';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const SECRET = 'mixed-identity-secret-of-at-least-32-chars';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();

/**
 * One verification key per instance (the configuration holds one HS secret or one public key), so the three
 * algorithms take three instance configurations; each wave runs over two of them, on one database.
 */
const JWT_SETUPS: Record<'HS256' | 'RS256' | 'ES256', { env: Record<string, string>; signingKey: string | KeyObject }> = {
  HS256: { env: { JWT_SECRET: SECRET }, signingKey: SECRET },
  RS256: { env: { JWT_PUBLIC_KEY: pem(rsa.publicKey), JWT_ALGORITHMS: 'RS256' }, signingKey: rsa.privateKey },
  ES256: { env: { JWT_PUBLIC_KEY: pem(ec.publicKey), JWT_ALGORITHMS: 'ES256' }, signingKey: ec.privateKey },
};
type JwtAlgorithm = keyof typeof JWT_SETUPS;

interface Caller {
  accountId: string;
  plan: Plan;
  apiKey: string;
}

/** One request of a wave: who sends it, how, where, and what must come back. */
interface Shot {
  caller: Caller;
  credential: 'api_key' | 'jwt' | 'both';
  /** With 'both': the account whose JWT rides along with the caller's key (the key wins). */
  other?: Caller;
  route: 'own_usage' | 'stats' | 'other_usage';
  target?: Caller;
  instance: { instance: Instance; algorithm: JwtAlgorithm };
}

const PLANS: Plan[] = ['admin', 'free', 'admin', 'starter', 'free', 'pro', 'admin', 'growth'];

describe('200 concurrent requests of mixed identities over two instances', () => {
  const seed = Number(process.env.LOAD_SEED ?? Date.now() % 1_000_000);
  let database: TestDatabase;
  const instances: Partial<Record<JwtAlgorithm, Instance>> = {};
  let callers: Caller[];

  beforeAll(async () => {
    database = await createTestDatabase();
    // Limits out of reach: every status is then decided by identity and route alone.
    const lifted = Object.fromEntries(PLANS.map((plan) => [plan, { rate_limit_per_minute: 100_000, daily_cap: null }]));
    const overrides = planOverridesFile(lifted);
    for (const algorithm of Object.keys(JWT_SETUPS) as JwtAlgorithm[]) {
      instances[algorithm] = await startInstance(database, { ...JWT_SETUPS[algorithm].env, PLAN_OVERRIDES_FILE: overrides });
    }
    callers = [];
    for (const plan of PLANS) callers.push({ plan, ...(await createAccountWithKey(instances.HS256!.app, plan)) });
  });

  afterAll(async () => {
    for (const instance of Object.values(instances)) await instance.close();
    await database?.drop();
    removePlanOverridesFiles();
  });

  const tokenFor = (caller: Caller, algorithm: JwtAlgorithm) =>
    sign({ sub: caller.accountId, exp: Math.floor(Date.now() / 1000) + 600 }, JWT_SETUPS[algorithm].signingKey, {
      algorithm: algorithm as Algorithm,
    });

  async function fire(shot: Shot) {
    const { caller, credential, route, instance } = shot;
    const headers: Record<string, string> = {};
    if (credential !== 'jwt') headers['x-api-key'] = caller.apiKey;
    if (credential === 'jwt') headers.authorization = `Bearer ${tokenFor(caller, instance.algorithm)}`;
    if (credential === 'both') headers.authorization = `Bearer ${tokenFor(shot.other!, instance.algorithm)}`;
    const path =
      route === 'own_usage'
        ? '/api/v1/account/usage'
        : route === 'stats'
          ? '/api/v1/admin/referrals/stats'
          : `/api/v1/admin/accounts/${shot.target!.accountId}/usage`;
    const response = await fetch(`${instance.instance.baseUrl}${path}`, { headers });
    const body = (await response.json()) as { code: number; data: Record<string, unknown> | null };
    return { shot, status: response.status, body, requestId: response.headers.get('x-request-id') };
  }

  /** What the caller must get: its own plan decides admin routes; usage is always of the account asked for. */
  function expected(shot: Shot): { status: number; accountId?: string; plan?: Plan; reason?: string } {
    const admin = shot.caller.plan === 'admin';
    if (shot.route === 'own_usage') return { status: 200, accountId: shot.caller.accountId, plan: shot.caller.plan };
    if (!admin) return { status: 403, reason: 'plan_required' };
    if (shot.route === 'other_usage') return { status: 200, accountId: shot.target!.accountId, plan: shot.target!.plan };
    return { status: 200 };
  }

  it.each([
    ['HS256', 'RS256'],
    ['RS256', 'ES256'],
  ] as Array<[JwtAlgorithm, JwtAlgorithm]>)(
    'answers each of 200 requests over the %s and %s instances with its own account, and charges only that account',
    async (first, second) => {
      const random = seededRandom(seed + first.length * 7 + second.charCodeAt(0));
      const pair = [first, second].map((algorithm) => ({ instance: instances[algorithm]!, algorithm }));
      const shots: Shot[] = Array.from({ length: 200 }, () => ({
        caller: random.pick(callers),
        credential: random.pick(['api_key', 'jwt', 'jwt', 'both'] as const),
        other: random.pick(callers),
        route: random.pick(['own_usage', 'stats', 'other_usage'] as const),
        target: random.pick(callers),
        instance: random.pick(pair),
      }));
      const ledgerBefore = await ledgerRows();

      const outcomes = await Promise.all(shots.map(fire));

      const FIELDS = { accountId: 'account_id', plan: 'plan', reason: 'reason' } as const;
      const wrong = outcomes
        .map(({ shot, status, body }) => {
          const want = expected(shot);
          const got: Record<string, unknown> = { status };
          for (const key of Object.keys(FIELDS) as Array<keyof typeof FIELDS>) {
            if (want[key] !== undefined) got[key] = body.data?.[FIELDS[key]];
          }
          return { want, got, who: `${shot.caller.plan} via ${shot.credential}, ${shot.route}, ${shot.instance.algorithm} instance` };
        })
        .filter(({ want, got }) => JSON.stringify(got) !== JSON.stringify(want));
      console.log(
        `mixed identities over ${first}+${second} (seed ${seed}): ${outcomes.length} answered, ` +
          `${outcomes.filter((o) => o.status === 200).length} x 200, ${outcomes.filter((o) => o.status === 403).length} x 403, ` +
          `${wrong.length} wrong`,
      );
      expect(outcomes).toHaveLength(200);
      expect(wrong).toEqual([]);

      // Every charge is a 200 on the stats route, on the caller's own account, with the credential it used.
      const before = new Set(ledgerBefore.map((row) => row.request_id));
      const charged = (await ledgerRows()).filter((row) => !before.has(row.request_id));
      const paid = outcomes.filter(({ shot, status }) => status === 200 && shot.route === 'stats');
      const expectedRows = paid
        .map(({ shot, requestId }) => ({
          request_id: requestId,
          account_id: shot.caller.accountId,
          credential_kind: shot.credential === 'jwt' ? 'jwt' : 'api_key',
        }))
        .sort(byRequestId);
      expect(charged.map(({ request_id, account_id, credential_kind }) => ({ request_id, account_id, credential_kind }))).toEqual(
        expectedRows,
      );
    },
    120_000,
  );

  async function ledgerRows(): Promise<Array<{ request_id: string; account_id: string; credential_kind: string }>> {
    const rows: Array<{ request_id: string; account_id: string; credential_kind: string }> = await instances.HS256!.db.query(
      `SELECT request_id, account_id, credential_kind FROM billing_ledger`,
    );
    return rows.sort(byRequestId);
  }
});

function byRequestId(a: { request_id: string | null }, b: { request_id: string | null }): number {
  return a.request_id! < b.request_id! ? -1 : a.request_id! > b.request_id! ? 1 : 0;
}
