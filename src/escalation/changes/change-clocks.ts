/**
 * Step clocks of changes (docs/changes.md §4) through the same threshold machinery as tickets: rows written with
 * the change (armed), a delayed job per row (`ttr100-C-000012-s1-4`, ids only), and a reconciler sweeping armed rows
 * that are due and that no job fired. Firing is guarded (armed → fired for exactly one caller) and re-checks that
 * the step is still current in the same round, so a lead hears of a late step once.
 */
import type { ChangeHappened } from '../../application/changes/change-service';
import { formatChangeRef } from '../../domain/changes/change';
import { STEP_LEVELS, stepJobId, type StepLevel } from '../../domain/changes/step-clock';
import type { Person } from '../../domain/directory/directory.types';
import type { ChangeStore, ChangeThreshold } from '../../domain/ports/change-store.port';
import type { ChatGateway } from '../../domain/ports/chat-gateway.port';
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
  gateway: ChatGateway;
  clock: Clock;
  log: Log;
  locale: Locale;
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

  /** The change reaction: schedule the armed rows' jobs, cancel the others'. */
  readonly react = async (happened: ChangeHappened): Promise<void> => {
    const rows = await this.deps.store.thresholds(happened.change.id);
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

  /** Fire one row: once (guarded), and only a notice when its step is still current in the same round. */
  async fire(row: Pick<ChangeThreshold, 'changeId' | 'step' | 'round' | 'level'>): Promise<boolean> {
    const now = this.deps.clock.now();
    const due = (await this.deps.store.thresholds(row.changeId)).find(
      (t) => t.step === row.step && t.round === row.round && t.level === row.level,
    );
    if (!due || due.status !== 'armed' || due.dueAt.getTime() > now.getTime()) return false;
    if (!(await this.deps.store.markFired(row, now))) return false;
    const change = await this.deps.store.get(row.changeId);
    const dir = await this.deps.directory.current();
    const ref = formatChangeRef(row.changeId);
    const log = this.deps.log.child({ changeRef: ref, level: row.level });
    if (!change || !dir || change.status !== 'in_progress' || change.current !== row.step || change.version < row.round) {
      log.info('change.clock.stale');
      return true;
    }
    const step = change.steps[row.step]!;
    const level = row.level as StepLevel;
    const to: Person[] = level === STEP_LEVELS[0].level ? dir.teamRole(step.team, 'lead') : dir.upperLeads(step.team);
    const byText = new Map<string, { title: string; users: string[] }>();
    for (const p of to) {
      if (!p.dingtalkUserId) continue;
      const w = stepClockWords(p.locale ?? this.deps.locale);
      const vars = { ref, title: change.title, step: step.name, team: dir.team(step.team)?.name ?? step.team };
      const text = fill(w[level], vars);
      const b = byText.get(text) ?? { title: fill(w.title, vars), users: [] };
      b.users.push(p.dingtalkUserId);
      byText.set(text, b);
    }
    for (const [text, b] of byText) await this.deps.gateway.notifyUsers(b.users, { title: b.title, text }, 'act');
    log.info('change.clock.fired', { recipients: to.length });
    return true;
  }
}
