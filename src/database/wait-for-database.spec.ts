import type { Server } from 'node:http';
import { freePort } from './free-port';
import { startBootProbe } from './wait-for-database';

/** The boot probe over real HTTP: what it answers, and that it gives the port back while a client polls it. */
describe('startBootProbe', () => {
  let probe: Server | undefined;
  let base: string;

  beforeEach(async () => {
    const port = await freePort();
    probe = await startBootProbe('127.0.0.1', port);
    base = `http://127.0.0.1:${port}`;
  });

  afterEach(async () => {
    if (probe?.listening) await new Promise((resolve) => probe!.close(resolve));
  });

  it('answers liveness 200 and readiness 503 in the envelope, closing each connection', async () => {
    const live = await fetch(`${base}/health`);
    const ready = await fetch(`${base}/health/ready`);

    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ code: 200, msg: 'ok', data: { status: 'starting' } });
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBe('5');
    expect(await ready.json()).toEqual({ code: 503, msg: 'Service unavailable', data: { request_id: null, reason: 'database_unavailable' } });
    expect([live.headers.get('connection'), ready.headers.get('connection')]).toEqual(['close', 'close']);
  });

  it('closes at once when a client polls readiness over a kept-alive connection (fetch, every 20 ms)', async () => {
    let polling = true;
    const statuses: number[] = [];
    const poller = (async () => {
      while (polling) {
        statuses.push(await fetch(`${base}/health/ready`).then((response) => response.arrayBuffer().then(() => response.status), () => 0));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));

    // Close while a poll is being answered: the case that hung (an idle connection is closed by close() itself).
    let closing = 0;
    const closed = await new Promise<boolean>((resolve) => {
      const timeout = setTimeout(() => resolve(false), 3_000);
      probe!.prependOnceListener('request', () => {
        closing = Date.now();
        probe!.close(() => {
          clearTimeout(timeout);
          resolve(true);
        });
      });
    });

    const tookMs = Date.now() - closing;
    polling = false;
    await poller;
    expect(closed).toBe(true);
    expect(tookMs).toBeLessThan(1_000);
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(2);
  });
});
