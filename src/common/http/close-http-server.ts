import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** How often, while the HTTP server drains, connections that have become idle are closed. */
const IDLE_CLOSE_INTERVAL_MS = 50;

/**
 * Stops accepting and resolves once every connection is closed. `server.close()` alone waits for kept-alive
 * connections (a proxy's or an SDK's pool) until the client closes them, so a shutdown under such clients used
 * to serve on for the whole grace period and then exit 1, cutting requests off. Now every response from here on
 * says `Connection: close` (the client reconnects, to another instance), and connections that become idle after
 * their last response are closed as they do: requests in flight finish, the connections follow.
 */
export async function closeHttpServer(server: Server): Promise<void> {
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => response.setHeader('connection', 'close'));
  const closeIdle = setInterval(() => server.closeIdleConnections(), IDLE_CLOSE_INTERVAL_MS);
  try {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  } finally {
    clearInterval(closeIdle);
  }
}
