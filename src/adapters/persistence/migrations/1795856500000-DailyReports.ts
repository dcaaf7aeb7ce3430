/**
 * The daily report (reviewed): `daily_reports` (one row per lead and date, claimed before sending) and the
 * `(team, instant)` indexes its counts range over (docs/reports.md).
 */
import { MigrationInterface, QueryRunner } from "typeorm";

export class DailyReports1795856500000 implements MigrationInterface {
    name = 'DailyReports1795856500000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`daily_reports\` (\`person_id\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`report_date\` varchar(10) COLLATE "utf8mb4_bin" NOT NULL, \`status\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`claimed_by\` varchar(96) COLLATE "utf8mb4_bin" NOT NULL, \`lease_until\` datetime(3) NOT NULL, \`attempts\` int NOT NULL, \`via\` varchar(16) COLLATE "utf8mb4_bin" NULL, \`media_id\` varchar(191) COLLATE "utf8mb4_bin" NULL, \`last_error\` mediumtext NULL, \`claimed_at\` datetime(3) NOT NULL, \`sent_at\` datetime(3) NULL, PRIMARY KEY (\`person_id\`, \`report_date\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE INDEX \`idx_tickets_team_created\` ON \`tickets\` (\`team\`, \`created_at\`)`);
        await queryRunner.query(`CREATE INDEX \`idx_tickets_team_resolved\` ON \`tickets\` (\`team\`, \`resolved_at\`)`);
        await queryRunner.query(`CREATE INDEX \`idx_tickets_team_closed\` ON \`tickets\` (\`team\`, \`closed_at\`)`);
        await queryRunner.query(`CREATE INDEX \`idx_tickets_team_tto_stopped\` ON \`tickets\` (\`team\`, \`tto_stopped_at\`)`);
        await queryRunner.query(`CREATE INDEX \`idx_tickets_team_ttr_stopped\` ON \`tickets\` (\`team\`, \`ttr_stopped_at\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`idx_tickets_team_ttr_stopped\` ON \`tickets\``);
        await queryRunner.query(`DROP INDEX \`idx_tickets_team_tto_stopped\` ON \`tickets\``);
        await queryRunner.query(`DROP INDEX \`idx_tickets_team_closed\` ON \`tickets\``);
        await queryRunner.query(`DROP INDEX \`idx_tickets_team_resolved\` ON \`tickets\``);
        await queryRunner.query(`DROP INDEX \`idx_tickets_team_created\` ON \`tickets\``);
        await queryRunner.query(`DROP TABLE \`daily_reports\``);
    }

}
