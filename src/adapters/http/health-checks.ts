/** The `/healthz` checks of the bot's dependencies, registered by the composition root. */
import type { Database } from '../persistence/data-source';
import type { FileSpool } from '../spool/file-spool';
import type { EscalationStore } from '../../domain/ports/escalation-store.port';
import type { ThresholdScheduler } from '../../domain/ports/threshold-scheduler.port';
import type { HealthCheck, HealthReport } from './health';
import { quotaCalls } from '../dingtalk/openapi/monthly-call-counter';
import type { SendQueueStats } from '../dingtalk/openapi/send-scheduler';

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

/**
 * The database before it has opened (start-up with the database down): down, covered by the spool while the spool
 * can take frames (`degraded`, 200); with no spool to cover, down (503).
 */
export function databaseNotOpenHealth(
  status: () => { attempts: number; error: string | null },
  spool?: Pick<FileSpool, 'writable'>,
): HealthCheck {
  return () => {
    const { attempts, error } = status();
    const report = { state: 'down' as const, attempts, error: error ?? 'not open yet' };
    return spool?.writable() ? { ...report, degraded: 'database down: frames are spooled' } : report;
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

/**
 * The worst firing lateness of the last hour. Unreadable (the database is down): degraded, not down, since the
 * `database` check decides whether the process can take messages (the spool covers for it).
 */
export function escalationHealth(store: Pick<EscalationStore, 'worstLateness'>, now: () => Date = () => new Date()): HealthCheck {
  return async () => {
    try {
      return { state: 'up', worst_lateness_ms_last_hour: await store.worstLateness(new Date(now().getTime() - 3600_000)) };
    } catch (e) {
      return { state: 'down', error: (e as Error).message, degraded: 'escalation: firing lateness unreadable (database)' };
    }
  };
}

/** The DingTalk connection's own report, naming the configured mode ('emulator' in the demo); none: a test gateway. */
export function dingtalkHealth(connection: { health(): HealthReport } | null, mode: string): HealthCheck {
  return () => (connection ? { ...connection.health(), mode } : { state: 'disabled', note: 'test gateway' });
}

/** `/healthz` degraded while the oldest priority-1 call (an answer to a person) has waited longer than this. */
export const ANSWER_WAIT_DEGRADED_S = 10;

/** The outgoing DingTalk send queue: degraded while an answer to a person has waited more than 10 s for a slot. */
export function sendQueueHealth(stats: () => SendQueueStats | null): HealthCheck {
  return () => {
    const s = stats();
    if (!s) return { state: 'disabled', note: 'no DingTalk client' };
    const answerAge = Math.round(s.oldestAgeSeconds[1] * 10) / 10;
    return {
      state: 'up',
      depth: s.depth,
      oldest_age_seconds: s.oldestAgeSeconds,
      ...(s.oldestAgeSeconds[1] > ANSWER_WAIT_DEGRADED_S
        ? { degraded: `send queue: an answer has waited ${answerAge} s for DingTalk (${s.depth[1]} answers waiting)` }
        : {}),
    };
  };
}

/** Share of `DINGTALK_MONTHLY_QUOTA` past which `/healthz` warns. */
export const QUOTA_WARN_SHARE = 0.8;

/** This month's DingTalk calls against `DINGTALK_MONTHLY_QUOTA`: degraded past 80 %. */
export function dingtalkQuotaHealth(totals: (() => Promise<Record<string, number>>) | null, quota: number | undefined): HealthCheck {
  return async () => {
    if (!totals) return { state: 'disabled', note: 'no DingTalk client' };
    const used = quotaCalls(await totals());
    if (!quota) return { state: 'up', calls_this_month: used, quota: null };
    const share = used / quota;
    return {
      state: 'up',
      calls_this_month: used,
      quota,
      ...(share >= QUOTA_WARN_SHARE
        ? { degraded: `DingTalk monthly quota: ${used} of ${quota} calls used (${Math.floor(share * 100)} %, DINGTALK_MONTHLY_QUOTA)` }
        : {}),
    };
  };
}
