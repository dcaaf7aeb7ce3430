/** Health checks of the process's dependencies, gathered for `GET /healthz`. */
export type HealthState = 'up' | 'down' | 'disabled';

export interface HealthReport {
  state: HealthState;
  [detail: string]: unknown;
}

export type HealthCheck = () => Promise<HealthReport> | HealthReport;

export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async report(): Promise<{ ok: boolean; checks: Record<string, HealthReport> }> {
    const checks: Record<string, HealthReport> = {};
    await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          checks[name] = await check();
        } catch (e) {
          checks[name] = { state: 'down', error: (e as Error).message };
        }
      }),
    );
    return { ok: Object.values(checks).every((c) => c.state !== 'down'), checks };
  }
}
