"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mintJwt = mintJwt;
const node_crypto_1 = require("node:crypto");
const jsonwebtoken_1 = require("jsonwebtoken");
/**
 * Signs a development admin JWT with the configured HS* secret (`npm run cli -- jwt:mint`). In production
 * the console proxy's identity provider issues tokens; this exists so a developer can try the JWT path.
 */
function mintJwt(jwt, accountId, ttlSeconds) {
    if (!jwt?.signingSecret) {
        throw new Error('jwt:mint signs with JWT_SECRET (HS256): set JWT_SECRET, at least 32 characters');
    }
    const algorithm = jwt.algorithms.find((candidate) => candidate.startsWith('HS')) ?? 'HS256';
    return (0, jsonwebtoken_1.sign)({}, jwt.signingSecret, {
        algorithm,
        subject: accountId,
        expiresIn: ttlSeconds,
        jwtid: (0, node_crypto_1.randomUUID)(),
        ...(jwt.issuer ? { issuer: jwt.issuer } : {}),
        ...(jwt.audience ? { audience: jwt.audience } : {}),
    });
}
//# sourceMappingURL=jwt-minter.js.map