"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InitialSchema1764136800000 = void 0;
/** Stage columns of `referrals`, each with its own index so every funnel count is one index range scan. */
const STAGE_COLUMNS = ['signed_up_at', 'review_required_at', 'qualified_at', 'rewarded_at', 'capped_at', 'rejected_at'];
/**
 * Accounts, referral clicks and referrals: the tables the referral funnel is counted from.
 * Constraints make impossible rows impossible (a referee referred twice, a stage before the signup,
 * a status that disagrees with its timestamps), so the counts can be trusted without re-checking.
 */
class InitialSchema1764136800000 {
    constructor() {
        this.name = 'InitialSchema1764136800000';
    }
    async up(queryRunner) {
        await queryRunner.query(`
      CREATE TABLE accounts (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email           text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 320 AND email LIKE '%_@_%'),
        plan            text NOT NULL
                        CHECK (plan IN ('free', 'starter', 'growth', 'pro', 'business', 'enterprise', 'admin')),
        overage_enabled boolean NOT NULL DEFAULT false,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
        await queryRunner.query(`CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email))`);
        await queryRunner.query(`
      CREATE TABLE referral_clicks (
        id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        referral_code       text NOT NULL CHECK (char_length(referral_code) BETWEEN 1 AND 64),
        referrer_account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
        utm_source          text CHECK (char_length(utm_source) <= 200),
        utm_medium          text CHECK (char_length(utm_medium) <= 200),
        utm_campaign        text CHECK (char_length(utm_campaign) BETWEEN 1 AND 200),
        utm_term            text CHECK (char_length(utm_term) <= 200),
        utm_content         text CHECK (char_length(utm_content) <= 200),
        created_at          timestamptz NOT NULL DEFAULT now()
      )`);
        await queryRunner.query(`CREATE INDEX referral_clicks_created_at_idx ON referral_clicks (created_at)`);
        await queryRunner.query(`CREATE INDEX referral_clicks_campaign_created_at_idx ON referral_clicks (utm_campaign, created_at)
         WHERE utm_campaign IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX referral_clicks_referrer_created_at_idx ON referral_clicks (referrer_account_id, created_at)`);
        await queryRunner.query(`
      CREATE TABLE referrals (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referrer_account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
        referee_account_id  uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
        click_id            bigint REFERENCES referral_clicks (id) ON DELETE SET NULL,
        utm_campaign        text CHECK (char_length(utm_campaign) BETWEEN 1 AND 200),
        status              text NOT NULL
                            CHECK (status IN ('signed_up', 'review_required', 'qualified', 'rewarded', 'capped', 'rejected')),
        signed_up_at        timestamptz NOT NULL,
        review_required_at  timestamptz,
        qualified_at        timestamptz,
        rewarded_at         timestamptz,
        capped_at           timestamptz,
        rejected_at         timestamptz,
        review_reason       text,
        rejection_reason    text,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),

        CONSTRAINT referrals_referee_key UNIQUE (referee_account_id),
        CONSTRAINT referrals_no_self_referral CHECK (referee_account_id <> referrer_account_id),
        CONSTRAINT referrals_stages_after_signup CHECK (
          review_required_at >= signed_up_at AND qualified_at >= signed_up_at AND rewarded_at >= signed_up_at
          AND capped_at >= signed_up_at AND rejected_at >= signed_up_at
          -- NULL comparisons are NULL, which a CHECK accepts: only stages that happened are constrained.
        ),
        CONSTRAINT referrals_outcome_after_qualification CHECK (
          (rewarded_at IS NULL OR (qualified_at IS NOT NULL AND rewarded_at >= qualified_at))
          AND (capped_at IS NULL OR (qualified_at IS NOT NULL AND capped_at >= qualified_at))
        ),
        CONSTRAINT referrals_rewarded_or_capped CHECK (rewarded_at IS NULL OR capped_at IS NULL),
        CONSTRAINT referrals_rejected_never_qualified CHECK (rejected_at IS NULL OR qualified_at IS NULL),
        CONSTRAINT referrals_rejection_has_reason CHECK (rejected_at IS NULL OR rejection_reason IS NOT NULL),
        CONSTRAINT referrals_status_matches_stages CHECK (
          (status = 'rejected') = (rejected_at IS NOT NULL)
          AND (status = 'rewarded') = (rewarded_at IS NOT NULL)
          AND (status = 'capped') = (capped_at IS NOT NULL)
          AND (status IN ('qualified', 'rewarded', 'capped')) = (qualified_at IS NOT NULL)
          AND (status <> 'review_required' OR review_required_at IS NOT NULL)
        )
      )`);
        await queryRunner.query(`CREATE INDEX referrals_referrer_idx ON referrals (referrer_account_id, signed_up_at)`);
        for (const column of STAGE_COLUMNS) {
            const partial = column === 'signed_up_at' ? '' : `WHERE ${column} IS NOT NULL`;
            await queryRunner.query(`CREATE INDEX referrals_${column}_idx ON referrals (${column}) ${partial}`);
            await queryRunner.query(`CREATE INDEX referrals_campaign_${column}_idx ON referrals (utm_campaign, ${column}) ${partial}`);
        }
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP TABLE referrals`);
        await queryRunner.query(`DROP TABLE referral_clicks`);
        await queryRunner.query(`DROP TABLE accounts`);
    }
}
exports.InitialSchema1764136800000 = InitialSchema1764136800000;
//# sourceMappingURL=1764136800000-initial-schema.js.map