import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  type: string;
  body: { id: string; type: string; timestamp: string; data: Record<string, unknown> };
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A webhook receiver as an integrator writes one: a real HTTP server on 127.0.0.1 that verifies every
 * request with the `standardwebhooks` library (any request failing verification is recorded as rejected
 * and answered 401), and records the events it accepted.
 */
export class Receiver {
  readonly received: Received[] = [];
  readonly rejected: string[] = [];
  /** Requests that arrived (verified or not), in order; includes ones `hold` kept unanswered. */
  readonly arrivals: string[] = [];
  /** TCP connections accepted, whatever came over them. */
  connections = 0;
  private server?: Server;
  private secrets: string[] = [];
  /** When set, requests get this status instead of 204 (after verification). */
  status = 204;
  /** Milliseconds to wait before answering (after verification). */
  delayMs = 0;
  /** When true, requests are accepted but never answered (a receiver hanging mid-delivery). */
  hold = false;
  private readonly held: ServerResponse[] = [];
  private waiters: Array<() => void> = [];

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  useSecrets(...secrets: string[]): void {
    this.secrets = secrets;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', () => (this.connections += 1));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  async stop(): Promise<void> {
    for (const res of this.held.splice(0)) res.destroy();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  ids(): string[] {
    return this.received.map((entry) => entry.id);
  }

  /** Waits (bounded) until `done()` holds, re-checking on every arrival; throws with what arrived on timeout. */
  async until(done: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`receiver timed out; received ${JSON.stringify(this.received.map((r) => r.type))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const payload = Buffer.concat(chunks).toString('utf8');
    const id = String(req.headers['webhook-id']);
    this.arrivals.push(id);
    const verified = this.secrets.some((secret) => {
      try {
        new Webhook(secret).verify(payload, req.headers as Record<string, string>);
        return true;
      } catch {
        return false;
      }
    });
    if (!verified) {
      this.rejected.push(id);
      res.writeHead(401).end();
    } else if (this.hold) {
      this.held.push(res);
    } else {
      if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      if (this.status >= 200 && this.status < 300) {
        const body = JSON.parse(payload) as Received['body'];
        this.received.push({ id, type: body.type, body, headers: req.headers });
      }
      res.writeHead(this.status).end();
    }
    for (const wake of this.waiters.splice(0)) wake();
  }
}
