/** The `/healthz` checks of the bot's dependencies, registered by the composition root. */
import type { Database } from '../persistence/data-source';
import type { EscalationStore } from '../../domain/ports/escalation-store.port';
import type { ThresholdScheduler } from '../../domain/ports/threshold-scheduler.port';
import type { HealthCheck, HealthReport } from './health';

export function databaseHealth(db: Database): HealthCheck {
  return async () => {
    await db.gate.run((m) => m.query('SELECT 1'));
    return { state: 'up', dialect: db.dialect };
  };
}

/** The last day the CN holiday data covers (later days count plain weekdays). */
export function calendarHealth(holidaysUntil: string | null): HealthCheck {
  return () => ({ state: 'up', holidays_until: holidaysUntil });
}

/** Bull on Redis when `REDIS_URL` is set, else the in-process timers. */
export function timersHealth(redisUrl: string | undefined, scheduler: ThresholdScheduler): HealthCheck {
  return async () => (redisUrl ? scheduler.health() : { state: 'disabled', timers: 'in-process' });
}

/** The worst firing lateness of the last hour. */
export function escalationHealth(store: Pick<EscalationStore, 'worstLateness'>, now: () => Date = () => new Date()): HealthCheck {
  return async () => ({ state: 'up', worst_lateness_ms_last_hour: await store.worstLateness(new Date(now().getTime() - 3600_000)) });
}

/** The DingTalk connection's own report, naming the configured mode ('emulator' in the demo); none: a test gateway. */
export function dingtalkHealth(connection: { health(): HealthReport } | null, mode: string): HealthCheck {
  return () => (connection ? { ...connection.health(), mode } : { state: 'disabled', note: 'test gateway' });
}
