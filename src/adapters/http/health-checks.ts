/** The `/healthz` checks of the bot's dependencies, registered by the composition root. */
import type { Database } from '../persistence/data-source';
import type { FileSpool } from '../spool/file-spool';
import type { EscalationStore } from '../../domain/ports/escalation-store.port';
import type { ThresholdScheduler } from '../../domain/ports/threshold-scheduler.port';
import type { HealthCheck, HealthReport } from './health';

/** With a spool, a database that does not answer degrades the process (frames are spooled) instead of stopping it. */
export function databaseHealth(db: Database, spool?: Pick<FileSpool, 'writable'>): HealthCheck {
  return async () => {
    try {
      await db.gate.run((m) => m.query('SELECT 1'));
    } catch (e) {
      if (!spool?.writable()) throw e;
      return { state: 'down', dialect: db.dialect, error: (e as Error).message, degraded: 'database down: frames are spooled' };
    }
    return { state: 'up', dialect: db.dialect };
  };
}

/** Frames waiting in the spool directory (every process's file): degraded while any waits. */
export function spoolHealth(spool: Pick<FileSpool, 'stats' | 'writable' | 'dir'>): HealthCheck {
  return () => {
    const { files, frames, oldestAgeSeconds } = spool.stats();
    const age = oldestAgeSeconds === null ? null : Math.round(oldestAgeSeconds);
    return {
      state: spool.writable() ? 'up' : 'down',
      dir: spool.dir,
      files,
      frames,
      oldest_age_seconds: age,
      ...(frames > 0 ? { degraded: `spool: ${frames} frames waiting (oldest ${age} s)` } : {}),
    };
  };
}

/** Messages in flight against `MAX_IN_FLIGHT`: degraded when more wait for a slot. */
export function intakeHealth(intake: () => { inFlight: number; queued: number; maxInFlight: number } | null): HealthCheck {
  return () => {
    const now = intake();
    if (!now) return { state: 'disabled', note: 'not receiving' };
    const over = now.queued > 0 || now.inFlight >= now.maxInFlight;
    return {
      state: 'up',
      in_flight: now.inFlight,
      queued: now.queued,
      max_in_flight: now.maxInFlight,
      ...(over ? { degraded: `intake: ${now.inFlight} messages in flight, ${now.queued} queued (MAX_IN_FLIGHT ${now.maxInFlight})` } : {}),
    };
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
