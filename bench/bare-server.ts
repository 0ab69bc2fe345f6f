import Fastify from 'fastify';

/** What the bare server is told before it listens: the JSON body to answer with. */
export interface BareServerStart {
  body: unknown;
}

export interface BareServerReady {
  port: number;
}

/**
 * The reference point of the HTTP benchmark: a bare Fastify route (no Nest, no auth, no validation, no
 * database) answering the very JSON the stats endpoint answered, serialized per request as any route would.
 * Its own process, like the service, so neither shares the load generator's event loop.
 */
process.once('message', (message: BareServerStart) => {
  const app = Fastify({ logger: false });
  app.get('/api/v1/bench/stats-bare', async () => message.body);
  app
    .listen({ port: 0, host: '127.0.0.1' })
    .then(() => {
      const address = app.server.address();
      if (typeof address !== 'object' || address === null) throw new Error('not listening');
      process.send?.({ port: address.port } satisfies BareServerReady);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
});
