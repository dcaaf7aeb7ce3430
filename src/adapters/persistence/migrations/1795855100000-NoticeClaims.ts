/**
 * Notice claims by owner tag (reviewed): `notices.claimed_by`, like `outbox.claimed_by`, so the due notices are
 * claimed by one UPDATE and the rows this process got are known without a guarded update per row.
 */
import { MigrationInterface, QueryRunner } from "typeorm";

export class NoticeClaims1795855100000 implements MigrationInterface {
    name = 'NoticeClaims1795855100000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`notices\` ADD \`claimed_by\` varchar(96) COLLATE "utf8mb4_bin" NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`notices\` DROP COLUMN \`claimed_by\``);
    }

}
