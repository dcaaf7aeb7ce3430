/**
 * Data source for the TypeORM CLI only (generate and check migrations against MySQL/MariaDB):
 *   npm run build && DATABASE_URL=mysql://root@127.0.0.1:3306/test_migrations \
 *     npx typeorm migration:generate -d dist/scripts/typeorm-data-source.js src/adapters/persistence/migrations/Name
 */
import 'reflect-metadata';
import { mysqlDataSource } from '../src/adapters/persistence/data-source';

// The CLI cannot await a probe here: say `mariadb://…` for a MariaDB server (TypeORM reads its schema differently).
const url = process.env.DATABASE_URL ?? '';
if (!/^(mysql|mariadb):\/\//.test(url)) throw new Error('Set DATABASE_URL=mysql://… or mariadb://… to use the TypeORM CLI');
const flavor = url.startsWith('mariadb://') ? 'mariadb' : 'mysql';
export default mysqlDataSource(url.replace(/^mariadb:/, 'mysql:'), flavor);
