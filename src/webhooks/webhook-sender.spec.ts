import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AllowedHosts } from './target-policy';
import { MAX_RESPONSE_BYTES, sendWebhook } from './webhook-sender';

/** Real sockets on 127.0.0.1: how one attempt ends against receivers that misbehave. */
describe('sendWebhook', () => {
  let server: Server;
  let port: number;
  let handler: (res: import('node:http').ServerResponse) => void;
  const loopback = new AllowedHosts(['127.0.0.1', 'localhost']);

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => handler(res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (url: string, allowed = loopback, timeoutMs = 2_000) => sendWebhook(url, '{}', { 'content-type': 'application/json' }, { allowed, timeoutMs });

  it('gives up at the timeout on a receiver that never answers', async () => {
    handler = () => undefined;
    const started = Date.now();
    expect(await send(`http://127.0.0.1:${port}/`, loopback, 300)).toEqual({ kind: 'network_error', error: 'timed out after 300 ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reads at most 64 KiB of an endless response and still reports its status', async () => {
    let written = 0;
    handler = (res) => {
      res.writeHead(200);
      const pump = () => {
        while (written < 50 * MAX_RESPONSE_BYTES && res.write(Buffer.alloc(16_384))) written += 16_384;
        if (written < 50 * MAX_RESPONSE_BYTES && !res.destroyed) res.once('drain', pump);
      };
      pump();
    };
    expect(await send(`http://127.0.0.1:${port}/`)).toEqual({ kind: 'response', status: 200 });
    expect(written).toBeLessThan(50 * MAX_RESPONSE_BYTES);
  });

  it('does not follow redirects', async () => {
    handler = (res) => res.writeHead(307, { location: 'http://169.254.169.254/' }).end();
    expect(await send(`http://127.0.0.1:${port}/`)).toEqual({ kind: 'response', status: 307 });
  });

  it('resolves a name, checks what it resolves to, and connects there', async () => {
    handler = (res) => res.writeHead(204).end();
    expect(await send(`http://localhost:${port}/`, new AllowedHosts(['localhost']))).toEqual({ kind: 'response', status: 204 });
    expect(await send(`https://localhost:${port}/`, new AllowedHosts([]))).toMatchObject({ kind: 'blocked', error: expect.stringMatching(/special-purpose/) });
  });
});
