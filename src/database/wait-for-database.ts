import { Logger } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { Client } from 'pg';
import { isDatabaseUnavailable } from '../common/http/database-unavailable';

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

/**
 * While the service waits for its database at boot, this answers on the service's port so orchestrators can
 * tell "alive, not ready" from "dead": /health 200, /health/ready and everything else 503 in the envelope.
 *
 * Every answer closes its connection. The probe must give the port back to the service as soon as the database
 * answers, and `server.close()` waits for open connections: a client polling readiness over a kept-alive
 * connection (fetch does by default, as do many health checkers) kept the probe open for as long as it polled,
 * so the service never started and answered 503 for ever.
 */
export async function startBootProbe(host: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const live = request.url === '/health' || request.url?.startsWith('/health?');
    const status = live ? 200 : 503;
    const body = live
      ? { code: 200, msg: 'ok', data: { status: 'starting' } }
      : { code: 503, msg: 'Service unavailable', data: { request_id: null, reason: 'database_unavailable' } };
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      connection: 'close',
      ...(live ? {} : { 'retry-after': '5' }),
    });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

/**
 * Resolves once a connection to `url` succeeds, retrying with exponential backoff (0.5 s doubling to 15 s)
 * while the database is unreachable, with a log line per attempt. Other errors (a wrong password, a missing
 * database) are not outages and fail at once.
 */
export async function waitForDatabase(url: string, logger = new Logger('Database')): Promise<void> {
  let delay = FIRST_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      if (attempt > 1) logger.log(`Database reachable after ${attempt} attempts`);
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      logger.warn(
        `Database unreachable (attempt ${attempt}: ${error instanceof Error ? error.message : String(error)}); ` +
          `retrying in ${delay} ms`,
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
