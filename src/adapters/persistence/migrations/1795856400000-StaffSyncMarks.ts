/** Staff sync (reviewed): the people it deactivated and the directory entry they had before. */
import { MigrationInterface, QueryRunner } from "typeorm";

export class StaffSyncMarks1795856400000 implements MigrationInterface {
    name = 'StaffSyncMarks1795856400000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`staff_sync_marks\` (\`person_id\` varchar(191) COLLATE "utf8mb4_bin" NOT NULL, \`entry_before\` mediumtext NOT NULL, \`source\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`marked_at\` datetime(3) NOT NULL, PRIMARY KEY (\`person_id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`staff_sync_marks\``);
    }

}
