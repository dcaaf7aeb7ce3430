/**
 * Runs once before all suites: probes MariaDB and Redis. In CI an unreachable service fails the run; elsewhere
 * the suites that need it are skipped, announced here with one loud line each.
 */
import { mysqlReachable, redisReachable } from './services';

export default async function globalSetup(): Promise<void> {
  process.env.TZ = process.env.TZ ?? 'UTC';
  process.env.ITOPBOT_TEST_MYSQL = (await mysqlReachable()) ? '1' : '0';
  process.env.ITOPBOT_TEST_REDIS = (await redisReachable()) ? '1' : '0';
}
