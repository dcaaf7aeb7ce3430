/** Demand votes (reviewed): one row per person and demand (docs/demands.md "Votes"). */
import { MigrationInterface, QueryRunner } from "typeorm";

export class DemandVotes1795857500000 implements MigrationInterface {
    name = 'DemandVotes1795857500000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`demand_votes\` (\`demand_id\` int NOT NULL, \`person_id\` varchar(191) COLLATE "utf8mb4_bin" NOT NULL, \`ticket_ref\` varchar(32) COLLATE "utf8mb4_bin" NOT NULL, \`created_at\` datetime(3) NOT NULL, PRIMARY KEY (\`demand_id\`, \`person_id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`demand_votes\``);
    }

}
