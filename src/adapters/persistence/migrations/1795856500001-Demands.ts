/** The demand pool (reviewed): `demands`, whose auto-increment id is the `D-` counter (docs/demands.md). */
import { MigrationInterface, QueryRunner } from "typeorm";

export class Demands1795856500001 implements MigrationInterface {
    name = 'Demands1795856500001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`demands\` (\`id\` int NOT NULL AUTO_INCREMENT, \`title\` varchar(255) NOT NULL, \`description\` mediumtext NOT NULL, \`caller\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`service\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`team\` varchar(64) COLLATE "utf8mb4_bin" NOT NULL, \`source_refs\` mediumtext NOT NULL, \`votes\` int NOT NULL, \`state\` varchar(16) COLLATE "utf8mb4_bin" NOT NULL, \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(3) NOT NULL, INDEX \`idx_demands_state\` (\`state\`), INDEX \`idx_demands_team_created\` (\`team\`, \`created_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`demands\``);
    }

}
