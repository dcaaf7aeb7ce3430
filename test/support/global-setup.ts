/** Runs once before all suites. Database and Redis guards live in test/support/services.ts. */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = process.env.TZ ?? 'UTC';
}
