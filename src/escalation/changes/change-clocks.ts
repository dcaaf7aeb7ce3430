/**
 * Step clocks of changes (docs/changes.md §4) through the same threshold machinery as tickets: rows written with
 * the change (armed), a delayed job per row (`ttr100-C-000012-s1-4`, ids only), and a reconciler sweeping armed rows
 * that are due and that no job fired. Firing is guarded (armed → fired for exactly one caller) and re-checks that
 * the step is still current in the same round, so a lead hears of a late step once. The notices of a firing are
 * notice rows written in the firing's transaction: the notice deliverer sends and retries them, so a failed send
 * loses nothing.
 */
import type { Reaction } from '../../application/outbox/reactions';
import { formatChangeRef } from '../../domain/changes/change';
import { changeEventOf } from '../../domain/changes/change-outbox';
import { changeRecipients, DEFAULT_CHANGE_TRIGGERS, type ChangeTriggers } from '../../domain/changes/change-triggers';
import { STEP_LEVELS, stepJobId, type StepLevel } from '../../domain/changes/step-clock';
import type { Person } from '../../domain/directory/directory.types';
import type { ChangeStore, ChangeThreshold } from '../../domain/ports/change-store.port';
import type { NoticeDraft } from '../../domain/ports/notice-store.port';
import type { Clock } from '../../domain/ports/clock.port';
import type { DirectoryStore } from '../../domain/ports/directory-store.port';
import type { Log } from '../../domain/ports/log.port';
import type { ThresholdJob, ThresholdScheduler } from '../../domain/ports/threshold-scheduler.port';
import type { Locale } from '../../domain/shared/locale';
import { fill } from '../../domain/shared/text';
import { stepClockWords } from './change-clock-notices';

export interface ChangeClockDeps {
  store: ChangeStore;
  scheduler: ThresholdScheduler;
  directory: DirectoryStore;
  clock: Clock;
  log: Log;
  locale: Locale;
  /** Who is told at 100 % / 200 % (the trigger table's `change_events`); default the shipped rows. */
  triggers?: ChangeTriggers;
  /** How often the reconciler sweeps (ms); 0 = never by itself (tests call `reconcile`). */
  reconcileMs?: number;
}

/** The job of a row: `ticketId` carries the change id, `level` `s<step>.<level>`, `deadlineVersion` the round. */
function jobOf(t: ChangeThreshold): ThresholdJob {
  return { jobId: stepJobId(t), ticketId: t.changeId, level: `s${t.step}.${t.level}`, deadlineVersion: t.round, dueAt: t.dueAt };
}

function rowOf(job: ThresholdJob): Pick<ChangeThreshold, 'changeId' | 'step' | 'round' | 'level'> | null {
  const m = /^s(\d+)\.(ttr\d+)$/.exec(job.level);
  return m ? { changeId: job.ticketId, step: Number(m[1]), round: job.deadlineVersion, level: m[2]! } : null;
}

export class ChangeClocks {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: ChangeClockDeps) {}

  async start(): Promise<void> {
    await this.deps.scheduler.start((job) => this.onJob(job));
    if (this.deps.reconcileMs) {
      this.timer = setInterval(() => void this.reconcile().catch((e: unknown) => this.deps.log.error('change.clock.reconcile_failed', { error: (e as Error).message })), this.deps.reconcileMs);
      this.timer.unref?.();
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.deps.scheduler.stop();
  }

  /** The outbox reaction to a change's event: schedule the armed rows' jobs, cancel the others' (idempotent). */
  readonly react: Reaction = async ({ event }) => {
    const got = changeEventOf(event);
    if (!got) return;
    const rows = await this.deps.store.thresholds(got.changeId);
    const armed = rows.filter((r) => r.status === 'armed');
    const gone = rows.filter((r) => r.status === 'cancelled');
    if (gone.length) await this.deps.scheduler.cancel(gone.map(stepJobId));
    if (armed.length) await this.deps.scheduler.schedule(armed.map(jobOf));
  };

  private async onJob(job: ThresholdJob): Promise<void> {
    const row = rowOf(job);
    if (row) await this.fire(row);
  }

  /** Armed rows that are due and that no job fired; returns how many it fired. */
  async reconcile(): Promise<number> {
    let fired = 0;
    for (const row of await this.deps.store.due(this.deps.clock.now(), 100)) if (await this.fire(row)) fired++;
    return fired;
  }

  /**
   * Fire one row: once (guarded), and the notice rows only when its step is still current in the same round, in
   * the same transaction as the guarded update.
   */
  async fire(row: Pick<ChangeThreshold, 'changeId' | 'step' | 'round' | 'level'>): Promise<boolean> {
    const now = this.deps.clock.now();
    const due = (await this.deps.store.thresholds(row.changeId)).find(
      (t) => t.step === row.step && t.round === row.round && t.level === row.level,
    );
    if (!due || due.status !== 'armed' || due.dueAt.getTime() > now.getTime()) return false;
    const dir = await this.deps.directory.current();
    const ref = formatChangeRef(row.changeId);
    const log = this.deps.log.child({ changeRef: ref, level: row.level });
    const result = await this.deps.store.transaction(async (tx) => {
      if (!(await tx.markFired(row, now))) return null;
      const change = await tx.get(row.changeId);
      if (!change || !dir || change.status !== 'in_progress' || change.current !== row.step || change.version < row.round) return 'stale' as const;
      const step = change.steps[row.step]!;
      const level = row.level as StepLevel;
      const to: Person[] = changeRecipients(dir, this.deps.triggers ?? DEFAULT_CHANGE_TRIGGERS, level, change, row.step);
      const drafts: NoticeDraft[] = to.map((p) => {
        const w = stepClockWords(p.locale ?? this.deps.locale);
        const vars = { ref, title: change.title, step: step.name, team: dir.team(step.team)?.name ?? step.team };
        return {
          eventKey: `change-clock:${stepJobId({ ...row })}`,
          ticketId: 0,
          ref,
          eventCode: `change.${level}`,
          personId: p.id,
          userId: p.dingtalkUserId ?? null,
          locale: p.locale ?? this.deps.locale,
          via: level === STEP_LEVELS[0].level ? 'lead' : 'upper_lead',
          status: p.dingtalkUserId ? 'pending' : 'skipped',
          reason: p.dingtalkUserId ? null : 'no_dingtalk_user',
          title: fill(w.title, vars),
          body: fill(w[level], vars),
          createdAt: now,
        };
      });
      await tx.addNotices(drafts);
      return drafts.length;
    });
    if (result === null) return false;
    if (result === 'stale') log.info('change.clock.stale');
    else log.info('change.clock.fired', { recipients: result });
    return true;
  }
}
