import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';

export default async function globalTeardown(): Promise<void> {
  const embedded = globalThis.embeddedTestServer;
  if (!embedded) return;
  await embedded.server.stop();
  await rm(dirname(embedded.dataDir), { recursive: true, force: true });
}
