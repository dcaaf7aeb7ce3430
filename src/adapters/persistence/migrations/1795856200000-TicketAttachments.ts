/**
 * Attachments stored with their tickets (reviewed): `ticket_attachments` (the bytes in a LONGBLOB, at most
 * ATTACHMENT_MAX_MB each, one row per file of a chat message: `uq_ticket_attachments_source`) and
 * `attachment_waits` (who announced an attachment with `附件 R-…`, until when). docs/domain.md "Attachments".
 */
import { MigrationInterface, QueryRunner } from "typeorm";

export class TicketAttachments1795856200000 implements MigrationInterface {
    name = 'TicketAttachments1795856200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`ticket_attachments\` (\`id\` int NOT NULL AUTO_INCREMENT, \`ticket_id\` int NOT NULL, \`kind\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`name\` varchar(191) NOT NULL, \`content_type\` varchar(128) COLLATE "utf8mb4_bin" NOT NULL, \`size\` int NOT NULL, \`media_id\` varchar(191) COLLATE "utf8mb4_bin" NULL, \`added_by\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`added_at\` datetime(3) NOT NULL, \`source_msg\` varchar(191) COLLATE "utf8mb4_bin" NOT NULL, \`source_index\` int NOT NULL, \`content\` longblob NOT NULL, UNIQUE INDEX \`uq_ticket_attachments_source\` (\`source_msg\`, \`source_index\`), INDEX \`idx_ticket_attachments_ticket\` (\`ticket_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`attachment_waits\` (\`user_id\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`ticket_id\` int NOT NULL, \`until\` datetime(3) NOT NULL, PRIMARY KEY (\`user_id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`attachment_waits\``);
        await queryRunner.query(`DROP TABLE \`ticket_attachments\``);
    }

}
