"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.API_KEY_STATUSES = void 0;
exports.statusOf = statusOf;
exports.apiKeyView = apiKeyView;
exports.keyChangeEventView = keyChangeEventView;
exports.API_KEY_STATUSES = ['active', 'rotating', 'rotated', 'expired', 'revoked'];
/**
 * What a key can do now: `active`; `rotating` (replaced, still working until rotation_ends_at); `rotated`
 * (its overlap is over); `expired`; `revoked`. Revocation wins over everything, then expiry.
 */
function statusOf(key, now = Date.now()) {
    if (key.revokedAt)
        return 'revoked';
    if (key.expiresAt && key.expiresAt.getTime() <= now)
        return 'expired';
    if (key.rotationEndsAt)
        return key.rotationEndsAt.getTime() <= now ? 'rotated' : 'rotating';
    return 'active';
}
const iso = (date) => date?.toISOString() ?? null;
/** A key as the API and the CLI print it: never the secret. */
function apiKeyView(key) {
    return {
        id: key.id,
        account_id: key.accountId,
        name: key.name,
        display_prefix: key.displayPrefix,
        status: statusOf(key),
        created_at: key.createdAt.toISOString(),
        last_used_at: iso(key.lastUsedAt),
        expires_at: iso(key.expiresAt),
        revoked_at: iso(key.revokedAt),
        rotated_from_id: key.rotatedFromId,
        rotated_to_id: key.rotatedToId,
        rotated_at: iso(key.rotatedAt),
        rotation_ends_at: iso(key.rotationEndsAt),
    };
}
function keyChangeEventView(event) {
    return {
        id: event.id,
        occurred_at: event.occurredAt.toISOString(),
        account_id: event.accountId,
        key_id: event.keyId,
        key_display_prefix: event.keyDisplayPrefix,
        action: event.action,
        actor: {
            kind: event.actor.kind,
            credential_id: event.actor.credentialId,
            account_id: event.actor.accountId,
            ip: event.actor.ip,
            user_agent: event.actor.userAgent,
            request_id: event.actor.requestId,
        },
        details: event.details,
    };
}
//# sourceMappingURL=api-key.view.js.map