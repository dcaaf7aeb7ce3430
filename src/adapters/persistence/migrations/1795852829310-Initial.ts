/** Initial schema (reviewed): tickets, logs, history, outbox, inbox, directory. utf8mb4 everywhere. */
import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795852829310 implements MigrationInterface {
    name = 'Initial1795852829310'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`directory_entries\` (\`kind\` varchar(32) COLLATE "utf8mb4_bin" NOT NULL, \`code\` varchar(191) COLLATE "utf8mb4_bin" NOT NULL, \`name\` varchar(255) NOT NULL, \`status\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`position\` int NOT NULL, \`body\` mediumtext NOT NULL, \`updated_at\` datetime(3) NOT NULL, INDEX \`idx_directory_entries_kind_status\` (\`kind\`, \`status\`), PRIMARY KEY (\`kind\`, \`code\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`directory_meta\` (\`key\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`value\` varchar(255) NOT NULL, PRIMARY KEY (\`key\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`inbox\` (\`id\` varchar(191) COLLATE "utf8mb4_bin" NOT NULL, \`kind\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`payload\` mediumtext NOT NULL, \`received_at\` datetime(3) NOT NULL, \`status\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`attempts\` int NOT NULL, \`last_error\` mediumtext NULL, \`done_at\` datetime(3) NULL, \`outcome\` varchar(64) COLLATE "utf8mb4_bin" NULL, \`lease_until\` datetime(3) NOT NULL, INDEX \`idx_inbox_status\` (\`status\`, \`received_at\`), INDEX \`idx_inbox_lease\` (\`status\`, \`lease_until\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`outbox\` (\`id\` int NOT NULL AUTO_INCREMENT, \`ticket_id\` int NOT NULL, \`ref\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`type\` varchar(48) COLLATE "utf8mb4_bin" NOT NULL, \`actor\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`entry_point\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`at\` datetime(3) NOT NULL, \`data\` mediumtext NOT NULL, \`status\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`attempts\` int NOT NULL, \`available_at\` datetime(3) NOT NULL, \`claimed_by\` varchar(96) COLLATE "utf8mb4_bin" NULL, \`last_error\` mediumtext NULL, \`processed_at\` datetime(3) NULL, INDEX \`idx_outbox_ticket\` (\`ticket_id\`), INDEX \`idx_outbox_due\` (\`status\`, \`available_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`ticket_history\` (\`id\` int NOT NULL AUTO_INCREMENT, \`ticket_id\` int NOT NULL, \`at\` datetime(3) NOT NULL, \`actor\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`entry_point\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`action\` varchar(32) COLLATE "utf8mb4_bin" NOT NULL, \`changes\` mediumtext NOT NULL, INDEX \`idx_ticket_history_ticket\` (\`ticket_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`ticket_logs\` (\`id\` int NOT NULL AUTO_INCREMENT, \`ticket_id\` int NOT NULL, \`at\` datetime(3) NOT NULL, \`author\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`visibility\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`text\` mediumtext NOT NULL, INDEX \`idx_ticket_logs_ticket\` (\`ticket_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`tickets\` (\`id\` int NOT NULL AUTO_INCREMENT, \`kind\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`title\` varchar(255) NOT NULL, \`description\` mediumtext NOT NULL, \`caller\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`org\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`service\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`subcategory\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`request_type\` varchar(32) COLLATE "utf8mb4_bin" NOT NULL, \`impact\` smallint NOT NULL, \`urgency\` smallint NOT NULL, \`priority\` smallint NOT NULL, \`origin\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`status\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`team\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`agent\` varchar(64) COLLATE "utf8mb4_bin" NULL, \`parent_id\` int NULL, \`pending_reason\` mediumtext NULL, \`solution\` mediumtext NULL, \`resolution_code\` varchar(32) COLLATE "utf8mb4_bin" NULL, \`satisfaction\` smallint NULL, \`satisfaction_comment\` mediumtext NULL, \`contract\` varchar(191) COLLATE "utf8mb4_bin" NULL, \`sla\` varchar(191) COLLATE "utf8mb4_bin" NULL, \`tto_state\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`tto_elapsed\` double NOT NULL, \`tto_last_start\` datetime(3) NULL, \`tto_goal\` double NULL, \`tto_calendar\` varchar(191) COLLATE "utf8mb4_bin" NULL, \`tto_deadline\` datetime(3) NULL, \`tto_stopped_at\` datetime(3) NULL, \`ttr_state\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`ttr_elapsed\` double NOT NULL, \`ttr_last_start\` datetime(3) NULL, \`ttr_goal\` double NULL, \`ttr_calendar\` varchar(191) COLLATE "utf8mb4_bin" NULL, \`ttr_deadline\` datetime(3) NULL, \`ttr_stopped_at\` datetime(3) NULL, \`deadline_version\` int NOT NULL, \`notified_leads\` mediumtext NOT NULL, \`created_at\` datetime(3) NOT NULL, \`assigned_at\` datetime(3) NULL, \`resolved_at\` datetime(3) NULL, \`closed_at\` datetime(3) NULL, \`last_update\` datetime(3) NOT NULL, \`version\` int NOT NULL, INDEX \`idx_tickets_created\` (\`created_at\`), INDEX \`idx_tickets_service_status\` (\`service\`, \`status\`), INDEX \`idx_tickets_parent\` (\`parent_id\`), INDEX \`idx_tickets_agent_status\` (\`agent\`, \`status\`), INDEX \`idx_tickets_caller\` (\`caller\`), INDEX \`idx_tickets_team_status\` (\`team\`, \`status\`), INDEX \`idx_tickets_status\` (\`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`idx_tickets_status\` ON \`tickets\``);
        await queryRunner.query(`DROP INDEX \`idx_tickets_team_status\` ON \`tickets\``);
        await queryRunner.query(`DROP INDEX \`idx_tickets_caller\` ON \`tickets\``);
        await queryRunner.query(`DROP INDEX \`idx_tickets_agent_status\` ON \`tickets\``);
        await queryRunner.query(`DROP INDEX \`idx_tickets_parent\` ON \`tickets\``);
        await queryRunner.query(`DROP INDEX \`idx_tickets_service_status\` ON \`tickets\``);
        await queryRunner.query(`DROP INDEX \`idx_tickets_created\` ON \`tickets\``);
        await queryRunner.query(`DROP TABLE \`tickets\``);
        await queryRunner.query(`DROP INDEX \`idx_ticket_logs_ticket\` ON \`ticket_logs\``);
        await queryRunner.query(`DROP TABLE \`ticket_logs\``);
        await queryRunner.query(`DROP INDEX \`idx_ticket_history_ticket\` ON \`ticket_history\``);
        await queryRunner.query(`DROP TABLE \`ticket_history\``);
        await queryRunner.query(`DROP INDEX \`idx_outbox_due\` ON \`outbox\``);
        await queryRunner.query(`DROP INDEX \`idx_outbox_ticket\` ON \`outbox\``);
        await queryRunner.query(`DROP TABLE \`outbox\``);
        await queryRunner.query(`DROP INDEX \`idx_inbox_lease\` ON \`inbox\``);
        await queryRunner.query(`DROP INDEX \`idx_inbox_status\` ON \`inbox\``);
        await queryRunner.query(`DROP TABLE \`inbox\``);
        await queryRunner.query(`DROP TABLE \`directory_meta\``);
        await queryRunner.query(`DROP INDEX \`idx_directory_entries_kind_status\` ON \`directory_entries\``);
        await queryRunner.query(`DROP TABLE \`directory_entries\``);
    }

}
