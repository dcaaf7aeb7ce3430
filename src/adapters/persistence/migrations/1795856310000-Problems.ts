/**
 * Problems (reviewed, docs/domain.md §9): `tickets.problem_id` (a request's or incident's problem, indexed to list
 * a problem's tickets), and a problem's `root_cause` and `workaround`. The `P-` tickets themselves are rows of
 * `tickets` (kind `problem`).
 */
import { MigrationInterface, QueryRunner } from "typeorm";

export class Problems1795856310000 implements MigrationInterface {
    name = 'Problems1795856310000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`tickets\` ADD \`problem_id\` int NULL`);
        await queryRunner.query(`ALTER TABLE \`tickets\` ADD \`root_cause\` mediumtext NULL`);
        await queryRunner.query(`ALTER TABLE \`tickets\` ADD \`workaround\` mediumtext NULL`);
        await queryRunner.query(`CREATE INDEX \`idx_tickets_problem\` ON \`tickets\` (\`problem_id\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`idx_tickets_problem\` ON \`tickets\``);
        await queryRunner.query(`ALTER TABLE \`tickets\` DROP COLUMN \`workaround\``);
        await queryRunner.query(`ALTER TABLE \`tickets\` DROP COLUMN \`root_cause\``);
        await queryRunner.query(`ALTER TABLE \`tickets\` DROP COLUMN \`problem_id\``);
    }

}
