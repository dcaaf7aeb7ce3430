/**
 * One reference sequence for `R-`, `I-`, `P-` and `C-` (reviewed; docs/changes.md §2): `ref_numbers`, continued
 * after the largest ticket or change id in use. Existing refs keep their numbers (cards and messages name them);
 * only changes made before this migration may share a number with a ticket (their `C-` tells them apart).
 */
import { MigrationInterface, QueryRunner } from "typeorm";

export class SharedRefNumbers1795857300000 implements MigrationInterface {
    name = 'SharedRefNumbers1795857300000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`ref_numbers\` (\`id\` int NOT NULL AUTO_INCREMENT, \`kind\` varchar(1) COLLATE "utf8mb4_bin" NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        // The same statement as CONTINUE_REF_NUMBERS_SQL (ref-numbers.ts), which an embedded SQLite file runs at start.
        await queryRunner.query(`INSERT INTO ref_numbers (id, kind) SELECT m, '-' FROM (SELECT MAX(id) AS m FROM (SELECT MAX(id) AS id FROM tickets UNION ALL SELECT MAX(id) AS id FROM changes) u) v WHERE m IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ref_numbers)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`ref_numbers\``);
    }

}
