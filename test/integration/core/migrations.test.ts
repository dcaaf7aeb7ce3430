/** The reviewed migrations produce exactly the schema the records describe (no drift), on a real MariaDB. */
import { openDatabase } from '../../../src/adapters/persistence/data-source';
import { createScratchMysqlDatabase, mysqlAvailable } from '../../support/services';

(mysqlAvailable() ? describe : describe.skip)('MySQL migrations', () => {
  it('leave no schema difference against the records, and run twice without change', async () => {
    const scratch = await createScratchMysqlDatabase('migrations');
    try {
      const first = await openDatabase({ url: scratch.url });
      const pending = await first.ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      const tables = (await first.ds.query(
        "SELECT TABLE_NAME AS t, TABLE_COLLATION AS c FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'schema_migrations'",
      )) as Array<{ t: string; c: string }>;
      expect(tables.length).toBeGreaterThanOrEqual(9);
      for (const t of tables) expect(t.c).toMatch(/^utf8mb4_/);
      await first.close();
      const second = await openDatabase({ url: scratch.url });
      expect(await second.ds.showMigrations()).toBe(false);
      await second.close();
    } finally {
      await scratch.drop();
    }
  });
});
