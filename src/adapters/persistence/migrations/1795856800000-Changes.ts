/**
 * Changes (reviewed): `changes` (one row per `C-` change, its steps as JSON) and `change_thresholds` (a step's
 * clock: one row per change, step, round and level, armed → fired once; docs/changes.md §4).
 */
import { MigrationInterface, QueryRunner } from "typeorm";

export class Changes1795856800000 implements MigrationInterface {
    name = 'Changes1795856800000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`changes\` (\`id\` int NOT NULL AUTO_INCREMENT, \`template\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`title\` varchar(255) NOT NULL, \`description\` mediumtext NOT NULL, \`requester\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`problems\` mediumtext NOT NULL, \`incidents\` mediumtext NOT NULL, \`planned_start\` datetime(3) NULL, \`planned_end\` datetime(3) NULL, \`status\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`current_step\` smallint NOT NULL, \`steps\` mediumtext NOT NULL, \`return_reason\` mediumtext NULL, \`rollback_note\` mediumtext NULL, \`created_at\` datetime(3) NOT NULL, \`last_update\` datetime(3) NOT NULL, \`version\` int NOT NULL, INDEX \`idx_changes_requester\` (\`requester\`), INDEX \`idx_changes_status\` (\`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`change_thresholds\` (\`change_id\` int NOT NULL, \`step\` smallint NOT NULL, \`round\` int NOT NULL, \`level\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`due_at\` datetime(3) NOT NULL, \`status\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`fired_at\` datetime(3) NULL, INDEX \`idx_change_thresholds_due\` (\`status\`, \`due_at\`), PRIMARY KEY (\`change_id\`, \`step\`, \`round\`, \`level\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`idx_change_thresholds_due\` ON \`change_thresholds\``);
        await queryRunner.query(`DROP TABLE \`change_thresholds\``);
        await queryRunner.query(`DROP INDEX \`idx_changes_status\` ON \`changes\``);
        await queryRunner.query(`DROP INDEX \`idx_changes_requester\` ON \`changes\``);
        await queryRunner.query(`DROP TABLE \`changes\``);
    }

}
