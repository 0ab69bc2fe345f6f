import { randomUUID } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import type { JwtConfig } from '../../config/app-config';

/**
 * Signs a development admin JWT with the configured HS* secret (`npm run cli -- jwt:mint`). In production
 * the console proxy's identity provider issues tokens; this exists so a developer can try the JWT path.
 */
export function mintJwt(jwt: JwtConfig | undefined, accountId: string, ttlSeconds: number): string {
  if (!jwt?.signingSecret) {
    throw new Error('jwt:mint signs with JWT_SECRET (HS256): set JWT_SECRET, at least 32 characters');
  }
  const algorithm = jwt.algorithms.find((candidate) => candidate.startsWith('HS')) ?? 'HS256';
  return sign({}, jwt.signingSecret, {
    algorithm,
    subject: accountId,
    expiresIn: ttlSeconds,
    jwtid: randomUUID(),
    ...(jwt.issuer ? { issuer: jwt.issuer } : {}),
    ...(jwt.audience ? { audience: jwt.audience } : {}),
  });
}
