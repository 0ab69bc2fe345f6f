"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BillingPendingCharges1764600000000 = void 0;
/**
 * Charge at admission, confirm after the response (docs/billing.md, "The one-round-trip path").
 *
 * A request whose credits come from included credits or overage is charged by its admission statement: the
 * ledger row and the counters' used columns are written before the handler runs, and a row here marks that
 * charge provisional. A failed request deletes both (refund, before its error response); a successful one
 * deletes only this row (confirmation, batched, after the response); a process that dies leaves the row to
 * expire, and the sweeper then refunds the charge. So the ledger holds a charge for every 2xx that left the
 * process (and for requests still in flight), and never one for a failure.
 *
 * No foreign key to billing_ledger: every statement that deletes a ledger row deletes its marker first, and a
 * foreign key would add a lookup to the hot insert.
 */
class BillingPendingCharges1764600000000 {
    constructor() {
        this.name = 'BillingPendingCharges1764600000000';
    }
    async up(queryRunner) {
        await queryRunner.query(`
      CREATE TABLE billing_pending_charges (
        ledger_id  bigint PRIMARY KEY,
        account_id uuid NOT NULL,
        -- Past this instant the sweeper refunds the charge: the process that made it is presumed dead.
        expires_at timestamptz NOT NULL
      )`);
        await queryRunner.query(`CREATE INDEX billing_pending_charges_expires_at_idx ON billing_pending_charges (expires_at)`);
    }
    async down(queryRunner) {
        // Pending charges become final: their requests were served or are still running.
        await queryRunner.query(`DROP TABLE billing_pending_charges`);
    }
}
exports.BillingPendingCharges1764600000000 = BillingPendingCharges1764600000000;
//# sourceMappingURL=1764600000000-billing-pending-charges.js.map