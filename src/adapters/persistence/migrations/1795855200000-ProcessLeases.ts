/**
 * Owner-tagged leases with heartbeats (reviewed): `processes` (one row per running process: its owner tag, host,
 * pid, start and last heartbeat), `inbox.claimed_by` (the owner holding a stored frame), and the reconciler's claim
 * of an overdue threshold (`ticket_thresholds.claimed_by`, `claim_until`). Rows held by an owner whose heartbeat
 * stopped are taken over within seconds; the lease expiry stays the fallback.
 */
import { MigrationInterface, QueryRunner } from "typeorm";

export class ProcessLeases1795855200000 implements MigrationInterface {
    name = 'ProcessLeases1795855200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`processes\` (\`owner\` varchar(96) COLLATE "utf8mb4_bin" NOT NULL, \`host\` varchar(191) COLLATE "utf8mb4_bin" NOT NULL, \`pid\` int NOT NULL, \`started_at\` datetime(3) NOT NULL, \`heartbeat_at\` datetime(3) NOT NULL, INDEX \`idx_processes_heartbeat\` (\`heartbeat_at\`), PRIMARY KEY (\`owner\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`ALTER TABLE \`inbox\` ADD \`claimed_by\` varchar(96) COLLATE "utf8mb4_bin" NULL`);
        await queryRunner.query(`ALTER TABLE \`ticket_thresholds\` ADD \`claimed_by\` varchar(96) COLLATE "utf8mb4_bin" NULL`);
        await queryRunner.query(`ALTER TABLE \`ticket_thresholds\` ADD \`claim_until\` datetime(3) NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`ticket_thresholds\` DROP COLUMN \`claim_until\``);
        await queryRunner.query(`ALTER TABLE \`ticket_thresholds\` DROP COLUMN \`claimed_by\``);
        await queryRunner.query(`ALTER TABLE \`inbox\` DROP COLUMN \`claimed_by\``);
        await queryRunner.query(`DROP INDEX \`idx_processes_heartbeat\` ON \`processes\``);
        await queryRunner.query(`DROP TABLE \`processes\``);
    }

}
