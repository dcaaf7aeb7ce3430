/** Health checks of the process's dependencies, gathered for `GET /healthz`. */
export type HealthState = 'up' | 'down' | 'disabled';

export interface HealthReport {
  state: HealthState;
  /**
   * Why the process works but not fully (frames waiting in the spool, too many messages in flight): the report is
   * `degraded`, still 200. A `down` check with a reason is covered by a fallback (the database by the spool).
   */
  degraded?: string;
  [detail: string]: unknown;
}

export type HealthCheck = () => Promise<HealthReport> | HealthReport;

export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  /** ok: the process can take messages (200); degraded: the reasons it works less than fully. */
  async report(): Promise<{ ok: boolean; degraded: string[]; checks: Record<string, HealthReport> }> {
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
    const reports = Object.values(checks);
    return {
      ok: reports.every((c) => c.state !== 'down' || !!c.degraded),
      degraded: reports.map((c) => c.degraded).filter((d): d is string => !!d),
      checks,
    };
  }
}
