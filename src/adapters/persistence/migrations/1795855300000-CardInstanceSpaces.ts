/**
 * One card instance per ticket (reviewed): `ticket_cards` rows become the spaces of one instance, so the same
 * `out_track_id` appears once per space; the primary key becomes (out_track_id, space_kind, space_id). Rows of
 * cards delivered per person before (`R-000012-u-<userId>`) are one space each and stay valid as they are.
 * Down fails if an instance has several spaces (it cannot be undone without deleting rows).
 */
import { MigrationInterface, QueryRunner } from "typeorm";

export class CardInstanceSpaces1795855300000 implements MigrationInterface {
    name = 'CardInstanceSpaces1795855300000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`ticket_cards\` DROP PRIMARY KEY, ADD PRIMARY KEY (\`out_track_id\`, \`space_kind\`, \`space_id\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`ticket_cards\` DROP PRIMARY KEY, ADD PRIMARY KEY (\`out_track_id\`)`);
    }

}
