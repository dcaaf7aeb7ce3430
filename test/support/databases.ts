/**
 * Runs one suite body on every database dialect: embedded SQLite always, MariaDB when reachable (required in CI;
 * elsewhere skipped, announced once by the global setup). Each run gets a fresh, empty database with the schema
 * applied exactly as production applies it (migrations on MariaDB, synchronize on SQLite).
 */
import { openDatabase, type Database } from '../../src/adapters/persistence/data-source';
import { createScratchMysqlDatabase, mysqlAvailable } from './services';

export interface DialectHandle {
  dialect: 'sqlite' | 'mysql';
  /** The open database of the current run (valid inside tests). */
  db(): Database;
}

export const DIALECTS = ['sqlite', 'mysql'] as const;

export function describeOnDatabases(title: string, body: (h: DialectHandle) => void): void {
  for (const dialect of DIALECTS) {
    const run = dialect === 'sqlite' || mysqlAvailable() ? describe : describe.skip;
    run(`${title} [${dialect}]`, () => {
      let db: Database | null = null;
      let drop: (() => Promise<void>) | null = null;
      beforeAll(async () => {
        if (dialect === 'mysql') {
          const scratch = await createScratchMysqlDatabase(title.slice(0, 24));
          drop = scratch.drop;
          db = await openDatabase({ url: scratch.url, poolSize: 25 });
        } else {
          db = await openDatabase({ sqlitePath: ':memory:' });
        }
      });
      afterAll(async () => {
        await db?.close();
        await drop?.();
      });
      body({
        dialect,
        db: () => {
          if (!db) throw new Error('database not open');
          return db;
        },
      });
    });
  }
}
