/** Chat cards (reviewed): where each ticket card was delivered, and intake drafts awaiting a pick. */
import { MigrationInterface, QueryRunner } from "typeorm";

export class ChatCards1795854964337 implements MigrationInterface {
    name = 'ChatCards1795854964337'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`ticket_cards\` (\`out_track_id\` varchar(100) COLLATE "utf8mb4_bin" NOT NULL, \`ticket_id\` int NOT NULL, \`space_kind\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`space_id\` varchar(191) COLLATE "utf8mb4_bin" NOT NULL, \`role\` varchar(32) COLLATE "utf8mb4_bin" NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_ticket_cards_ticket\` (\`ticket_id\`), PRIMARY KEY (\`out_track_id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`intake_drafts\` (\`id\` varchar(100) COLLATE "utf8mb4_bin" NOT NULL, \`person_id\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`user_id\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`conversation_id\` varchar(191) COLLATE "utf8mb4_bin" NOT NULL, \`conversation_type\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`text\` mediumtext NOT NULL, \`created_at\` datetime(3) NOT NULL, \`ticket_id\` int NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`intake_drafts\``);
        await queryRunner.query(`DROP INDEX \`idx_ticket_cards_ticket\` ON \`ticket_cards\``);
        await queryRunner.query(`DROP TABLE \`ticket_cards\``);
    }

}
