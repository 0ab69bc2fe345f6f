"use strict";
/**
 * The fraud rules applied to a referred signup, in one place. Each verdict carries a reason code that is
 * stored on the referral: `rejected` outright (self-referral), or `review_required` for a person to decide.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.BUILT_IN_DISPOSABLE_DOMAINS = void 0;
exports.normalizeEmail = normalizeEmail;
exports.evaluateSignup = evaluateSignup;
/** Providers that ignore dots in the local part; all of these also ignore a `+tag`. */
const DOT_BLIND_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
const PLUS_TAG_DOMAINS = new Set([
    'gmail.com',
    'googlemail.com',
    'outlook.com',
    'hotmail.com',
    'live.com',
    'icloud.com',
    'me.com',
    'fastmail.com',
    'proton.me',
    'protonmail.com',
    'yahoo.com',
]);
/** Throwaway inbox providers; extend with REFERRAL_DISPOSABLE_DOMAINS. */
exports.BUILT_IN_DISPOSABLE_DOMAINS = [
    'mailinator.com',
    'guerrillamail.com',
    'guerrillamail.net',
    'sharklasers.com',
    '10minutemail.com',
    'temp-mail.org',
    'tempmail.com',
    'yopmail.com',
    'trashmail.com',
    'getnada.com',
    'dispostable.com',
    'maildrop.cc',
    'throwawaymail.com',
    'fakeinbox.com',
    'mintemail.com',
    'mohmal.com',
    'emailondeck.com',
    'moakt.com',
];
/**
 * The mailbox an address really delivers to: lower-cased, `googlemail.com` as `gmail.com`, dots removed
 * where the provider ignores them, `+tags` removed where the provider ignores them.
 */
function normalizeEmail(email) {
    const trimmed = email.trim().toLowerCase();
    const at = trimmed.lastIndexOf('@');
    if (at <= 0)
        return trimmed;
    let local = trimmed.slice(0, at);
    let domain = trimmed.slice(at + 1);
    if (domain === 'googlemail.com')
        domain = 'gmail.com';
    if (PLUS_TAG_DOMAINS.has(domain))
        local = local.split('+')[0];
    if (DOT_BLIND_DOMAINS.has(domain))
        local = local.replaceAll('.', '');
    return `${local}@${domain}`;
}
function emailDomain(email) {
    return email.trim().toLowerCase().slice(email.lastIndexOf('@') + 1);
}
function evaluateSignup(facts, settings) {
    if (facts.refereeAccountId === facts.referrerAccountId ||
        normalizeEmail(facts.refereeEmail) === normalizeEmail(facts.referrerEmail)) {
        return { outcome: 'reject', reason: 'self_referral' };
    }
    if (facts.signupIpHash && facts.referrerIpHash && facts.signupIpHash.equals(facts.referrerIpHash)) {
        return { outcome: 'review', reason: 'same_ip_as_referrer' };
    }
    if (facts.signupsFromIpLastDay >= settings.maxSignupsPerIpPerDay) {
        return { outcome: 'review', reason: 'ip_signup_velocity' };
    }
    const domain = emailDomain(facts.refereeEmail);
    if ([...settings.disposableDomains].some((disposable) => domain === disposable || domain.endsWith(`.${disposable}`))) {
        return { outcome: 'review', reason: 'disposable_email' };
    }
    return { outcome: 'accept' };
}
//# sourceMappingURL=fraud-rules.js.map