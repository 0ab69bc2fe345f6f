import { randomBytes } from 'node:crypto';
import { WebhookDeliveryWorker } from '../../src/webhooks/webhook-delivery.worker';
import { SUBSCRIBABLE_EVENT_TYPES } from '../../src/webhooks/webhook-event-types';
import { UsageCounterRecorder } from '../../src/usage-history/usage-counter.recorder';
import { planOverridesFile, removePlanOverridesFiles } from '../billing/support/billing-fixtures';
import { startInstance, type Instance } from '../billing/support/instances';
import { METERED, MeteredRoutesModule } from '../billing/support/metered-routes.module';
import { ReferralClient } from '../referrals/support/referral-client';
import { createAccountWithKey } from '../support/auth-fixtures';
import { eventually } from '../support/eventually';
import { freePort } from '../support/free-port';
import { createTestApp, TestApp } from '../support/test-app';
import { Receiver } from './support/receiver';

const REFERRAL_EVENTS = SUBSCRIBABLE_EVENT_TYPES.filter((type) => type.startsWith('referral.'));
const METRICS_TOKEN = 'metrics-token-for-webhook-tests';

export const WEBHOOK_TEST_ENV = {
  WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'),
  WEBHOOK_POLL_INTERVAL_MS: '50',
  WEBHOOK_RETRY_BASE_MS: '200',
  WEBHOOK_RETRY_MAX_DELAY_MS: '1000',
  WEBHOOK_TIMEOUT_MS: '2000',
  WEBHOOK_LEASE_MS: '5000',
};

describe('webhooks', () => {
  let t: TestApp;
  let adminKey: string;
  let client: ReferralClient;
  let receiver: Receiver;

  const admin = () => ({ 'x-api-key': adminKey });
  const createWebhook = (body: Record<string, unknown>) => t.http.post('/api/v1/admin/webhooks').set(admin()).send(body);
  const eventsOf = async (prefix: string): Promise<Array<{ id: string; type: string }>> =>
    t.db.query(`SELECT id, type FROM webhook_events WHERE type LIKE $1 ORDER BY occurred_at, type`, [`${prefix}%`]);

  beforeAll(async () => {
    t = await createTestApp(
      {
        ...WEBHOOK_TEST_ENV,
        METRICS_TOKEN,
        TRUST_PROXY: 'loopback',
        REFERRAL_MONTHLY_REWARD_CAP: '1',
        PLAN_OVERRIDES_FILE: planOverridesFile({ free: { daily_cap: 1 } }),
      },
      [MeteredRoutesModule],
    );
    adminKey = (await createAccountWithKey(t.app, 'admin')).apiKey;
    client = new ReferralClient(t, adminKey);
    receiver = new Receiver(await freePort());
    await receiver.start();
  });

  afterAll(async () => {
    await receiver.stop();
    await t.close();
    removePlanOverridesFiles();
  });

  describe('POST /api/v1/admin/webhooks', () => {
    it('answers 201 with a Standard Webhooks secret shown once, and stores it only encrypted', async () => {
      const created = await createWebhook({ url: receiver.url, events: ['referral.rewarded'], description: 'crm' }).expect(201);

      const { secret, id } = created.body.data;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const listed = await t.http.get('/api/v1/admin/webhooks').set(admin()).expect(200);
      const shown = listed.body.data.items.find((item: { id: string }) => item.id === id);
      expect(shown).toMatchObject({ url: receiver.url, events: ['referral.rewarded'], description: 'crm' });
      expect(JSON.stringify(listed.body)).not.toContain(secret);
      const [row] = await t.db.query(`SELECT row_to_json(e)::text AS row, secret_sealed FROM webhook_endpoints e WHERE id = $1`, [id]);
      const rawSecret = Buffer.from(secret.slice('whsec_'.length), 'base64');
      expect(row.row).not.toContain(secret.slice('whsec_'.length));
      expect((row.secret_sealed as Buffer).includes(rawSecret)).toBe(false);
      await t.http.delete(`/api/v1/admin/webhooks/${id}`).set(admin()).expect(200);
    });

    it.each([
      ['https://10.0.0.5/hooks', /10\.0\.0\.5/],
      ['https://169.254.169.254/latest/meta-data', /169\.254\.169\.254/],
      ['https://[::1]:4170/hooks', /::1/],
      ['https://[fd00::1]/hooks', /fd00::1/],
      ['https://100.64.0.1/hooks', /100\.64\.0\.1/],
      ['http://8.8.8.8/hooks', /https/],
    ])('refuses %s at creation with 400', async (url, message) => {
      const response = await createWebhook({ url, events: ['referral.signed_up'] }).expect(400);

      expect(response.body).toMatchObject({ code: 400, data: { reason: 'target_not_allowed', request_id: expect.any(String) } });
      expect(response.body.msg).toMatch(message);
    });

    it('refuses unknown event types, no events, and non-URLs with the fields named', async () => {
      const bad = await createWebhook({ url: 'not a url', events: ['referral.exploded'] }).expect(400);
      expect(bad.body.data.errors.map((error: { field: string }) => error.field).sort()).toEqual(['events', 'url']);
      await createWebhook({ url: receiver.url, events: [] }).expect(400);
      await createWebhook({ url: receiver.url, events: ['webhook.test'] }).expect(400);
    });

    it('is for admins only', async () => {
      const { apiKey } = await createAccountWithKey(t.app, 'pro');
      await t.http.get('/api/v1/admin/webhooks').set('x-api-key', apiKey).expect(403);
      await t.http.get('/api/v1/admin/webhooks').expect(401);
    });
  });

  describe('the referral lifecycle', () => {
    let webhookId: string;

    beforeAll(async () => {
      const created = await createWebhook({ url: receiver.url, events: REFERRAL_EVENTS }).expect(201);
      webhookId = created.body.data.id;
      receiver.useSecrets(created.body.data.secret);
    });

    afterAll(() => t.http.delete(`/api/v1/admin/webhooks/${webhookId}`).set(admin()).expect(200));

    it('delivers every event of the flow, signed, exactly once per id', async () => {
      const referrer = (await client.signup({ email: 'hooks.referrer@example.com', signup_ip: '198.51.100.40' }).expect(201)).body.data.account;
      const signup = async (email: string, ip = '203.0.113.40') =>
        (await client.signup({ email, referral_code: referrer.referral_code, signup_ip: ip }).expect(201)).body.data.referral;

      const rewarded = await signup('rewarded@example.org');
      await client.action(rewarded.id, 'qualify').expect(200); // qualified, then rewarded (cap 1)
      const capped = await signup('capped@example.org', '203.0.113.41');
      await client.action(capped.id, 'qualify').expect(200); // qualified, then capped
      const held = await signup('held@mailinator.com', '203.0.113.42'); // review_required
      await client.action(held.id, 'approve').expect(200);
      const rejected = await signup('rejected@example.org', '203.0.113.43');
      await client.action(rejected.id, 'reject', { reason: 'reseller' }).expect(200);
      await client.signup({ email: 'HOOKS.referrer@example.com.', referral_code: referrer.referral_code }); // self-referral or 409

      const events = await eventsOf('referral.');
      await receiver.until(() => events.every((event) => receiver.ids().includes(event.id)));

      const types = new Set(events.map((event) => event.type));
      for (const type of REFERRAL_EVENTS) expect(types).toContain(type);
      expect(receiver.rejected).toEqual([]);
      expect(receiver.ids().sort()).toEqual(events.map((event) => event.id).sort()); // once each, nothing else
      const byReferral = (id: string) => receiver.received.filter((entry) => entry.body.data.id === id).map((entry) => entry.type);
      expect(byReferral(rewarded.id)).toEqual(['referral.signed_up', 'referral.qualified', 'referral.rewarded']);
      expect(byReferral(capped.id)).toEqual(['referral.signed_up', 'referral.qualified', 'referral.capped']);
      expect(byReferral(held.id)).toEqual(['referral.signed_up', 'referral.review_required', 'referral.approved']);
      expect(byReferral(rejected.id)).toEqual(['referral.signed_up', 'referral.rejected']);
      const rewardedEvent = receiver.received.find((entry) => entry.type === 'referral.rewarded')!;
      expect(rewardedEvent.body).toMatchObject({
        id: rewardedEvent.id,
        type: 'referral.rewarded',
        timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        data: { id: rewarded.id, status: 'rewarded', referrer_account_id: referrer.id, rewarded_at: expect.any(String) },
      });
      // The receiver has answered; the worker records the outcome right after.
      await eventually('every delivery has succeeded', async () => {
        const [{ open }] = await t.db.query(`SELECT count(*)::int AS open FROM webhook_deliveries WHERE status <> 'succeeded'`);
        return open === 0;
      });
      const deliveries = await t.http.get(`/api/v1/admin/webhooks/${webhookId}/deliveries`).set(admin()).expect(200);
      expect(deliveries.body.data.items).toHaveLength(events.length);
      for (const delivery of deliveries.body.data.items) {
        expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, last_response_code: 204, next_attempt_at: null });
      }
    });

    it('emits nothing for a change that rolls back', async () => {
      const referrer = (await client.signup({ email: 'rollback.referrer@example.com' }).expect(201)).body.data.account;
      const referral = (await client.signup({ email: 'rollback@example.org', referral_code: referrer.referral_code }).expect(201)).body
        .data.referral;
      await t.db.query(`CREATE FUNCTION refuse_grant() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'grant refused'; END $$`);
      await t.db.query(`CREATE TRIGGER refuse_grant BEFORE INSERT ON credit_grants FOR EACH ROW EXECUTE FUNCTION refuse_grant()`);
      try {
        // The qualification's event is written before the grant fails: the whole transaction, event included, rolls back.
        await client.action(referral.id, 'qualify').expect(500);
      } finally {
        await t.db.query(`DROP TRIGGER refuse_grant ON credit_grants`);
        await t.db.query(`DROP FUNCTION refuse_grant()`);
      }
      const events = await t.db.query(`SELECT type FROM webhook_events WHERE data->>'id' = $1 ORDER BY occurred_at`, [referral.id]);
      expect(events.map((event: { type: string }) => event.type)).toEqual(['referral.signed_up']);
    });

    it('queues events while the receiver is down and delivers them all once it is back', async () => {
      await receiver.stop();
      const referrer = (await client.signup({ email: 'outage.referrer@example.com' }).expect(201)).body.data.account;
      const referrals = [];
      for (let i = 0; i < 5; i++) {
        referrals.push((await client.signup({ email: `outage${i}@example.org`, referral_code: referrer.referral_code }).expect(201)).body.data.referral);
      }
      // Wait until every pending delivery has failed at least once against the closed port.
      await eventually('every pending delivery has failed once', async () => {
        const [{ unattempted }] = await t.db.query(
          `SELECT count(*)::int AS unattempted FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'pending' AND last_error IS NULL`,
          [webhookId],
        );
        return unattempted === 0;
      });
      const queued: Array<{ id: string }> = await t.db.query(
        `SELECT event_id AS id FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'pending'`,
        [webhookId],
      );
      expect(queued.length).toBeGreaterThanOrEqual(5);
      const queuedFor: Array<{ referral: string }> = await t.db.query(
        `SELECT ev.data->>'id' AS referral FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id
          WHERE d.endpoint_id = $1 AND d.status = 'pending'`,
        [webhookId],
      );
      for (const referral of referrals) expect(queuedFor.map((row) => row.referral)).toContain(referral.id);
      const pending = await t.http.get(`/api/v1/admin/webhooks/${webhookId}/deliveries?status=pending`).set(admin()).expect(200);
      expect(pending.body.data.items.length).toBe(queued.length);
      expect(pending.body.data.items[0]).toMatchObject({ attempts: expect.any(Number), last_error: expect.stringMatching(/^ECONN/) });
      const metrics = await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
      expect(metrics.text).toMatch(new RegExp(`^webhook_outbox_depth ${queued.length}$`, 'm'));
      expect(metrics.text).toMatch(/^webhook_outbox_oldest_pending_age_seconds [0-9.]+$/m);
      expect(metrics.text).toMatch(/^webhook_delivery_attempts_total\{outcome="network_error"\} [1-9]/m);

      await receiver.start();
      await receiver.until(() => queued.every((event) => receiver.ids().includes(event.id)));

      const ids = receiver.ids();
      expect(new Set(ids).size).toBe(ids.length);
    });
  });

  describe('billing events', () => {
    it("delivers billing.daily_cap_reached once for an account's day, however many refusals follow", async () => {
      const created = await createWebhook({ url: receiver.url, events: ['billing.daily_cap_reached'] }).expect(201);
      receiver.useSecrets(created.body.data.secret);
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'free');
      await t.http.get(`${METERED}/ok`).set('x-api-key', apiKey).expect(200);
      for (let i = 0; i < 3; i++) {
        const refused = await t.http.get(`${METERED}/ok`).set('x-api-key', apiKey).expect(429);
        expect(refused.body.data.reason).toBe('daily_cap_reached');
      }
      await t.app.get(UsageCounterRecorder).flush();
      const mine = () => receiver.received.filter((entry) => entry.type === 'billing.daily_cap_reached' && entry.body.data.account_id === accountId);
      await receiver.until(() => mine().length > 0);

      expect(mine()).toHaveLength(1);
      expect(mine()[0].body.data).toEqual({
        account_id: accountId,
        plan: 'free',
        day: new Date().toISOString().slice(0, 10),
        daily_cap: 1,
        resets_at: expect.stringMatching(/T00:00:00\.000Z$/),
      });
      // A later write of more refusals of the same day emits nothing more.
      await t.http.get(`${METERED}/ok`).set('x-api-key', apiKey).expect(429);
      await t.app.get(UsageCounterRecorder).flush();
      const [{ events }] = await t.db.query(
        `SELECT count(*)::int AS events FROM webhook_events WHERE type = 'billing.daily_cap_reached' AND data->>'account_id' = $1`,
        [accountId],
      );
      expect(events).toBe(1);
      await t.http.delete(`/api/v1/admin/webhooks/${created.body.data.id}`).set(admin()).expect(200);
    });
  });

  describe('tests, deliveries, redelivery and rotation', () => {
    let webhookId: string;
    let secret: string;

    beforeAll(async () => {
      const created = await createWebhook({ url: receiver.url, events: ['billing.overage_started'] }).expect(201);
      webhookId = created.body.data.id;
      secret = created.body.data.secret;
      receiver.useSecrets(secret);
    });

    it('sends a test event, lists its delivery, and redelivers it with the same webhook-id', async () => {
      const queued = await t.http.post(`/api/v1/admin/webhooks/${webhookId}/test`).set(admin()).expect(202);
      const eventId = queued.body.data.event_id;
      await receiver.until(() => receiver.ids().includes(eventId));
      const listed = await t.http.get(`/api/v1/admin/webhooks/${webhookId}/deliveries`).set(admin()).expect(200);
      const delivery = listed.body.data.items.find((item: { event_id: string }) => item.event_id === eventId);
      expect(delivery).toMatchObject({ event_type: 'webhook.test', status: 'succeeded', attempts: 1, last_response_code: 204 });

      await t.http.post(`/api/v1/admin/webhooks/${webhookId}/deliveries/${delivery.id}/redeliver`).set(admin()).expect(202);
      await receiver.until(() => receiver.ids().filter((id) => id === eventId).length === 2);
      await t.http.post(`/api/v1/admin/webhooks/${webhookId}/deliveries/999999999/redeliver`).set(admin()).expect(404);
      await t.http.post(`/api/v1/admin/webhooks/${webhookId}/deliveries/abc/redeliver`).set(admin()).expect(404);
    });

    it('signs with the old and the new secret during the overlap, then with the new one only', async () => {
      const rotated = await t.http.post(`/api/v1/admin/webhooks/${webhookId}/rotate-secret`).set(admin()).send({}).expect(200);
      const newSecret = rotated.body.data.secret;
      expect(newSecret).not.toBe(secret);
      expect(rotated.body.data.previous_secret_expires_at).toEqual(expect.any(String));

      receiver.useSecrets(secret); // a receiver not yet switched
      const old = (await t.http.post(`/api/v1/admin/webhooks/${webhookId}/test`).set(admin()).expect(202)).body.data.event_id;
      await receiver.until(() => receiver.ids().includes(old));
      const header = String(receiver.received.find((entry) => entry.id === old)!.headers['webhook-signature']);
      expect(header.split(' ')).toHaveLength(2);

      const ended = await t.http.post(`/api/v1/admin/webhooks/${webhookId}/rotate-secret`).set(admin()).send({ overlap_hours: 0 }).expect(200);
      receiver.useSecrets(newSecret); // the secret before this second rotation no longer signs
      const next = (await t.http.post(`/api/v1/admin/webhooks/${webhookId}/test`).set(admin()).expect(202)).body.data.event_id;
      await receiver.until(() => receiver.rejected.includes(next));
      receiver.useSecrets(ended.body.data.secret);
      await receiver.until(() => receiver.ids().includes(next));
      await t.http.post(`/api/v1/admin/webhooks/${webhookId}/rotate-secret`).set(admin()).send({ overlap_hours: 500 }).expect(400);
    });

    it('treats a redirect as a failed attempt (not followed), and gives up after 24 hours', async () => {
      receiver.status = 302;
      try {
        const eventId = (await t.http.post(`/api/v1/admin/webhooks/${webhookId}/test`).set(admin()).expect(202)).body.data.event_id;
        await receiver.until(() => receiver.arrivals.includes(eventId));
        let delivery: { status: string; last_response_code: number | null } | undefined;
        for (let attempt = 0; attempt < 50 && delivery?.last_response_code !== 302; attempt++) {
          [delivery] = await t.db.query(`SELECT status, last_response_code FROM webhook_deliveries WHERE event_id = $1`, [eventId]);
          if (delivery?.last_response_code !== 302) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(delivery).toMatchObject({ status: 'pending', last_response_code: 302 });
        expect(receiver.ids()).not.toContain(eventId);

        await t.db.query(`UPDATE webhook_deliveries SET retry_window_start = now() - interval '25 hours' WHERE event_id = $1`, [eventId]);
        let status = 'pending';
        for (let attempt = 0; attempt < 100 && status !== 'failed'; attempt++) {
          [{ status }] = await t.db.query(`SELECT status FROM webhook_deliveries WHERE event_id = $1`, [eventId]);
          if (status !== 'failed') await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(status).toBe('failed');
        const failed = await t.http.get(`/api/v1/admin/webhooks/${webhookId}/deliveries?status=failed`).set(admin()).expect(200);
        expect(failed.body.data.items[0]).toMatchObject({ status: 'failed', next_attempt_at: null, completed_at: expect.any(String) });
      } finally {
        receiver.status = 204;
      }
    });

    it('answers 404 for unknown or malformed webhook ids', async () => {
      await t.http.delete('/api/v1/admin/webhooks/00000000-0000-0000-0000-000000000000').set(admin()).expect(404);
      await t.http.post('/api/v1/admin/webhooks/nope/test').set(admin()).expect(404);
      await t.http.get('/api/v1/admin/webhooks/nope/deliveries').set(admin()).expect(404);
    });
  });

  describe('a target that became private', () => {
    let strict: Instance;

    beforeAll(async () => {
      // Another instance on the same database, without the allow-list: as if the URL's host now resolved privately.
      strict = await startInstance(t.database, { ...WEBHOOK_TEST_ENV, WEBHOOK_ALLOWED_HOSTS: '' });
    });

    afterAll(() => strict.close());

    it('is refused at delivery: nothing reaches it, and the attempt records why', async () => {
      // https, so only the address decides (the lenient instance allow-lists 127.0.0.1).
      const made = await createWebhook({ url: `https://127.0.0.1:${receiver.port}/hooks`, events: ['referral.signed_up'] }).expect(201);
      const id: string = made.body.data.id;
      await t.app.get(WebhookDeliveryWorker).beforeApplicationShutdown(); // only the strict instance delivers now
      const created = await fetch(`${strict.baseUrl}/api/v1/admin/webhooks`, {
        method: 'POST',
        headers: { ...admin(), 'content-type': 'application/json' },
        body: JSON.stringify({ url: receiver.url, events: ['referral.signed_up'] }),
      });
      expect(created.status).toBe(400); // and at creation, on this instance
      const byName = await fetch(`${strict.baseUrl}/api/v1/admin/webhooks`, {
        method: 'POST',
        headers: { ...admin(), 'content-type': 'application/json' },
        body: JSON.stringify({ url: `https://localhost:${receiver.port}/hooks`, events: ['referral.signed_up'] }),
      });
      expect(byName.status).toBe(400); // a name is judged by the addresses it resolves to
      expect(((await byName.json()) as { msg: string }).msg).toMatch(/resolves to .*special-purpose/);
      const before = receiver.connections;
      const ping = await fetch(`${strict.baseUrl}/api/v1/admin/webhooks/${id}/test`, { method: 'POST', headers: admin() });
      expect(ping.status).toBe(202);
      let row: { last_error: string | null } | undefined;
      for (let attempt = 0; attempt < 100 && !row?.last_error; attempt++) {
        [row] = await strict.db.query(`SELECT last_error FROM webhook_deliveries WHERE endpoint_id = $1`, [id]);
        if (!row?.last_error) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(row?.last_error).toMatch(/127\.0\.0\.1, a private, loopback, link-local or otherwise special-purpose address/);
      expect(receiver.connections).toBe(before); // not even a TCP connection
    });
  });
});
