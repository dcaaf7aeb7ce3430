/** Escalation thresholds and notices (reviewed): one row per (ticket, level, deadline version); one per (event, person). */
import { MigrationInterface, QueryRunner } from "typeorm";

export class EscalationAndNotices1795853461378 implements MigrationInterface {
    name = 'EscalationAndNotices1795853461378'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`notices\` (\`id\` int NOT NULL AUTO_INCREMENT, \`event_key\` varchar(96) COLLATE "utf8mb4_bin" NOT NULL, \`ticket_id\` int NOT NULL, \`ref\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`event_code\` varchar(32) COLLATE "utf8mb4_bin" NOT NULL, \`person_id\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`user_id\` varchar(64) COLLATE "utf8mb4_bin" NULL, \`locale\` varchar(16) COLLATE "utf8mb4_bin" NULL, \`via\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`status\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`reason\` varchar(32) COLLATE "utf8mb4_bin" NULL, \`attempts\` int NOT NULL, \`next_attempt_at\` datetime(3) NOT NULL, \`last_error\` mediumtext NULL, \`title\` varchar(255) NOT NULL, \`body\` mediumtext NOT NULL, \`created_at\` datetime(3) NOT NULL, \`sent_at\` datetime(3) NULL, INDEX \`idx_notices_ticket\` (\`ticket_id\`), INDEX \`idx_notices_due\` (\`status\`, \`next_attempt_at\`), UNIQUE INDEX \`uq_notices_event_person\` (\`event_key\`, \`person_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`ticket_thresholds\` (\`ticket_id\` int NOT NULL, \`level\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`deadline_version\` int NOT NULL, \`threshold_seconds\` double NOT NULL, \`due_at\` datetime(3) NOT NULL, \`status\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`fired_at\` datetime(3) NULL, \`lateness_ms\` double NULL, \`assignee_part\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, INDEX \`idx_ticket_thresholds_fired\` (\`fired_at\`), INDEX \`idx_ticket_thresholds_due\` (\`status\`, \`due_at\`), PRIMARY KEY (\`ticket_id\`, \`level\`, \`deadline_version\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`idx_ticket_thresholds_due\` ON \`ticket_thresholds\``);
        await queryRunner.query(`DROP INDEX \`idx_ticket_thresholds_fired\` ON \`ticket_thresholds\``);
        await queryRunner.query(`DROP TABLE \`ticket_thresholds\``);
        await queryRunner.query(`DROP INDEX \`uq_notices_event_person\` ON \`notices\``);
        await queryRunner.query(`DROP INDEX \`idx_notices_due\` ON \`notices\``);
        await queryRunner.query(`DROP INDEX \`idx_notices_ticket\` ON \`notices\``);
        await queryRunner.query(`DROP TABLE \`notices\``);
    }

}
