/**
 * The workbench page (reviewed): `portal_shortcuts` (saved filters per person), and two indexes the leads'
 * dashboard reads by — when a ticket's TTO stopped (owned) and when it was resolved (docs/portal.md "Dashboard").
 */
import { MigrationInterface, QueryRunner } from "typeorm";

export class PortalShortcuts1795856600000 implements MigrationInterface {
    name = 'PortalShortcuts1795856600000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`portal_shortcuts\` (\`id\` int NOT NULL AUTO_INCREMENT, \`owner\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`name\` varchar(80) NOT NULL, \`filter\` mediumtext NOT NULL, \`sort\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`pinned\` smallint NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_portal_shortcuts_owner\` (\`owner\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE INDEX \`idx_tickets_tto_stopped\` ON \`tickets\` (\`tto_stopped_at\`)`);
        await queryRunner.query(`CREATE INDEX \`idx_tickets_resolved\` ON \`tickets\` (\`resolved_at\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`idx_tickets_resolved\` ON \`tickets\``);
        await queryRunner.query(`DROP INDEX \`idx_tickets_tto_stopped\` ON \`tickets\``);
        await queryRunner.query(`DROP INDEX \`idx_portal_shortcuts_owner\` ON \`portal_shortcuts\``);
        await queryRunner.query(`DROP TABLE \`portal_shortcuts\``);
    }

}
