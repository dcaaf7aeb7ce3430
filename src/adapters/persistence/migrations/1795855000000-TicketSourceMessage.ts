/**
 * The chat message a ticket was filed from (reviewed): `tickets.source_msg` (the DingTalk message id, like
 * `inbox.id`; NULL for tickets not filed from a message) under a unique index, so one message files one ticket.
 * TypeORM's generated SQL also adds an unnamed unique index on the new column (the MySQL driver reads a column with
 * a one-column unique index as `unique`); the named index alone is that same schema, without a second copy.
 */
import { MigrationInterface, QueryRunner } from "typeorm";

export class TicketSourceMessage1795855000000 implements MigrationInterface {
    name = 'TicketSourceMessage1795855000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`tickets\` ADD \`source_msg\` varchar(191) COLLATE "utf8mb4_bin" NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX \`uq_tickets_source_msg\` ON \`tickets\` (\`source_msg\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`uq_tickets_source_msg\` ON \`tickets\``);
        await queryRunner.query(`ALTER TABLE \`tickets\` DROP COLUMN \`source_msg\``);
    }

}
