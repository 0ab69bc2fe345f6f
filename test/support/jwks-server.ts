import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { sign } from 'jsonwebtoken';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: Record<string, unknown>;
}

export function newSigningKey(kid = `kid-${randomUUID()}`): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

/**
 * A local identity provider's JWKS endpoint on 127.0.0.1: serves the current keys, counts every fetch, can
 * rotate its keys, go down (connections refused) and come back on the same port.
 */
export class JwksServer {
  fetches = 0;
  private keys: SigningKey[];
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  constructor(keys: SigningKey[] = [newSigningKey()]) {
    this.keys = keys;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/.well-known/jwks.json`;
  }

  get current(): SigningKey {
    return this.keys[0];
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      this.fetches++;
      if (request.url !== '/.well-known/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      response.end(JSON.stringify({ keys: this.keys.map((key) => key.publicJwk) }));
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** The IdP replaces its signing key; the old one is no longer published. */
  rotate(next: SigningKey = newSigningKey()): SigningKey {
    this.keys = [next];
    return next;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }
}

/** An RS256 token signed by `key`, with the claims an admin console's IdP would issue. */
export function signToken(
  key: Pick<SigningKey, 'kid' | 'privateKey'>,
  claims: { sub: string; iss: string; aud: string; ttlSeconds?: number; [claim: string]: unknown },
): string {
  const { ttlSeconds = 300, ...rest } = claims;
  return sign({ ...rest, exp: Math.floor(Date.now() / 1000) + ttlSeconds, jti: randomUUID() }, key.privateKey, {
    algorithm: 'RS256',
    keyid: key.kid,
  });
}
