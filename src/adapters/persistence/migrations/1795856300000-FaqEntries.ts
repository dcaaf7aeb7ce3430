/** The FAQ (reviewed): `faq_entries`, one row per entry, the id being its `F-` number. */
import { MigrationInterface, QueryRunner } from "typeorm";

export class FaqEntries1795856300000 implements MigrationInterface {
    name = 'FaqEntries1795856300000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`faq_entries\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(64) COLLATE "utf8mb4_bin" NULL, \`question\` varchar(500) NOT NULL, \`answer\` mediumtext NOT NULL, \`service\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`subcategory\` varchar(64) COLLATE "utf8mb4_bin" NULL, \`keywords\` mediumtext NOT NULL, \`status\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`author\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`source\` varchar(32) COLLATE "utf8mb4_bin" NULL, \`shown\` int NOT NULL, \`solved\` int NOT NULL, \`still_help\` int NOT NULL, \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_faq_entries_code\` (\`code\`), INDEX \`idx_faq_entries_service_status\` (\`service\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`faq_entries\``);
    }

}
