/** Shared by the CLI scripts: read the config, open the database (pending migrations applied first). */
import 'reflect-metadata';
import { loadConfig, type AppConfig } from '../src/adapters/config/load-config';
import { openDatabase, type Database } from '../src/adapters/persistence/data-source';

export async function openCliDatabase(): Promise<{ config: AppConfig; db: Database }> {
  const loaded = loadConfig(process.env, { dingtalk: 'unused' });
  if (!loaded.ok) {
    for (const e of loaded.error) console.error(e);
    process.exit(1);
  }
  const db = await openDatabase({ url: loaded.value.database.url, sqlitePath: loaded.value.database.sqlitePath });
  return { config: loaded.value, db };
}

/** Run a CLI's `main`: exit with its code (0 when it returns nothing); a thrown error is one line and exit 1. */
export function runCli(name: string, main: () => Promise<number | void>, showStack = false): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (e: unknown) => {
      console.error(`${name} failed: ${showStack ? ((e as Error).stack ?? String(e)) : (e as Error).message}`);
      process.exit(1);
    },
  );
}
