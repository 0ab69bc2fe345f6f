import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed authentications per client IP, shared by every instance, so N instances behind a load balancer allow
 * the limit once, not N times. One row per IP that failed within the last window; only failures write here
 * (a successful request never touches the table), and rows of windows that have ended are swept.
 */
export class AuthFailures1764710000000 implements MigrationInterface {
  name = 'AuthFailures1764710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE auth_failures (
        client_ip         text PRIMARY KEY,
        window_started_at timestamptz NOT NULL,
        failures          integer NOT NULL CHECK (failures > 0)
      )`);
    await queryRunner.query(`CREATE INDEX auth_failures_window_started_at_idx ON auth_failures (window_started_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE auth_failures`);
  }
}
