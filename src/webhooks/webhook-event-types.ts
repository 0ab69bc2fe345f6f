/**
 * The one registry of webhook event types. The DTO enum, the request validation, the migration's CHECK, the
 * OpenAPI description and docs/webhooks.md's catalogue all derive from this object: add a type here only.
 *
 * `subscribable: false` marks types an endpoint cannot subscribe to (the test ping goes to one endpoint only).
 */
export const WEBHOOK_EVENT_TYPES = {
  'referral.signed_up': { subscribable: true, description: 'A signup was attributed to a referrer (whatever the fraud rules then decided).' },
  'referral.review_required': { subscribable: true, description: 'The fraud rules held a referred signup for review.' },
  'referral.approved': { subscribable: true, description: 'An admin approved a referral under review; it is signed_up again.' },
  'referral.rejected': { subscribable: true, description: 'A referral was rejected (by the fraud rules at signup, or by an admin).' },
  'referral.qualified': { subscribable: true, description: 'The referee qualified its referral (paying plan, qualifying credits, or by hand).' },
  'referral.rewarded': { subscribable: true, description: 'The referrer was granted the reward credits for a qualified referral.' },
  'referral.capped': { subscribable: true, description: "A qualified referral was not rewarded: the referrer's monthly reward cap was reached." },
  'billing.daily_cap_reached': { subscribable: true, description: "An account's first request refused by its daily cap this UTC day." },
  'billing.credits_exhausted': { subscribable: true, description: "An account's first request refused for exhausted credits this UTC day." },
  'billing.overage_started': { subscribable: true, description: "An account's first overage credits charged in this billing period." },
  'webhook.test': { subscribable: false, description: 'Sent by POST /api/v1/admin/webhooks/{id}/test to that endpoint only.' },
} as const satisfies Record<string, { subscribable: boolean; description: string }>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;

export const ALL_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[];

/** The types an endpoint may list in `events`. */
export const SUBSCRIBABLE_EVENT_TYPES = ALL_EVENT_TYPES.filter((type) => WEBHOOK_EVENT_TYPES[type].subscribable);

export type ReferralEventType = Extract<WebhookEventType, `referral.${string}`>;
export type BillingEventType = Extract<WebhookEventType, `billing.${string}`>;
