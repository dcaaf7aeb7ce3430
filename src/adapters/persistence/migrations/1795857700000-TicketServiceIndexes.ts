/**
 * Two reads every chat message makes, bounded by an index instead of the table (reviewed; docs/stack.md
 * "Hot-path costs found by profiling"): a service's open incidents (kind, service, status) and a service's
 * tickets of the last 24 hours (service, created_at). Without them both walked the primary key back through every
 * ticket of a busy service: MariaDB's CPU grew with the table in bench:intake.
 */
import { MigrationInterface, QueryRunner } from "typeorm";

export class TicketServiceIndexes1795857700000 implements MigrationInterface {
    name = 'TicketServiceIndexes1795857700000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX \`idx_tickets_service_kind_status\` ON \`tickets\` (\`service\`, \`kind\`, \`status\`)`);
        await queryRunner.query(`CREATE INDEX \`idx_tickets_service_created\` ON \`tickets\` (\`service\`, \`created_at\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`idx_tickets_service_created\` ON \`tickets\``);
        await queryRunner.query(`DROP INDEX \`idx_tickets_service_kind_status\` ON \`tickets\``);
    }

}
