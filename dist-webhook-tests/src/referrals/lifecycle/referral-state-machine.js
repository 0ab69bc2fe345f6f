"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.nextStatus = nextStatus;
const TRANSITIONS = {
    approve: { review_required: 'signed_up' },
    reject: { review_required: 'rejected', signed_up: 'rejected' },
    qualify: { signed_up: 'qualified' },
    reward: { qualified: 'rewarded' },
    cap: { qualified: 'capped' },
};
/** The status `action` leads to from `from`, or null when the transition is illegal. */
function nextStatus(from, action) {
    return TRANSITIONS[action][from] ?? null;
}
//# sourceMappingURL=referral-state-machine.js.map