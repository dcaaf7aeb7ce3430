/**
 * Real MariaDB/MySQL and Redis for integration suites. In CI (CI=true) an unreachable service fails the suite;
 * elsewhere the suite is skipped with one loud line. Databases are created per suite with a name containing
 * "test" (the guard refuses anything else) and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';

export const MYSQL_URL = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

const announced = new Set<string>();

function skipLoudly(what: string, why: string): void {
  if (announced.has(what)) return;
  announced.add(what);
  // One loud line per service for the whole run (called from jest's global setup).
  process.stderr.write(`\n!!! SKIPPING ${what} SUITES: ${why} (in CI this is a failure)\n`);
}

/** Decided once in global setup: may suites use MariaDB / Redis? */
export const mysqlAvailable = (): boolean => process.env.ITOPBOT_TEST_MYSQL === '1';
export const redisAvailable = (): boolean => process.env.ITOPBOT_TEST_REDIS === '1';

export async function mysqlReachable(): Promise<boolean> {
  const mysql = await import('mysql2/promise');
  try {
    const conn = await mysql.createConnection({ uri: MYSQL_URL, connectTimeout: 3000 });
    await conn.end();
    return true;
  } catch (e) {
    if (IN_CI) throw new Error(`MySQL/MariaDB unreachable at ${MYSQL_URL} in CI: ${(e as Error).message}`);
    skipLoudly('MySQL', `MariaDB/MySQL unreachable at ${MYSQL_URL}`);
    return false;
  }
}

export function assertTestDatabaseName(name: string): void {
  if (!/test/i.test(name)) throw new Error(`refusing to use database "${name}": test databases must contain "test"`);
}

/** Create a fresh utf8mb4 database for one suite; returns its URL and a drop function. */
export async function createScratchMysqlDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const mysql = await import('mysql2/promise');
  const name = `test_${label.replace(/[^a-z0-9_]/gi, '_')}_${randomBytes(3).toString('hex')}`.toLowerCase();
  assertTestDatabaseName(name);
  const admin = await mysql.createConnection({ uri: MYSQL_URL });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(MYSQL_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = await mysql.createConnection({ uri: MYSQL_URL });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

export async function redisReachable(): Promise<boolean> {
  const { default: Redis } = await import('ioredis');
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000, enableOfflineQueue: false });
  try {
    await r.connect();
    await r.ping();
    return true;
  } catch (e) {
    if (IN_CI) throw new Error(`Redis unreachable at ${REDIS_URL} in CI: ${(e as Error).message}`);
    skipLoudly('Redis', `Redis unreachable at ${REDIS_URL}`);
    return false;
  } finally {
    r.disconnect();
  }
}
