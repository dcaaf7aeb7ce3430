/**
 * The change use cases (docs/changes.md): request a change, act on its current step, resubmit, cancel; each in
 * one transaction with its step-clock rows and its events on the outbox (`change-outbox.ts`). The outbox
 * dispatcher hands the events to the reactions (the card and notices in the chat layer, the clocks' jobs in the
 * escalation layer, closing the linked incidents: `resolve-linked-when-change-succeeded.ts`), retried until they
 * succeed; `afterCommit` only asks for them to be handled now rather than at the next poll.
 */
import { parseChangeRef, type Change } from '../../domain/changes/change';
import { changeOutboxEvents } from '../../domain/changes/change-outbox';
import {
  decideChange,
  mayRequest,
  openChange,
  type ChangeCommand,
  type ChangeDecision,
} from '../../domain/changes/change-lifecycle';
import { findTemplate, type ChangeTemplate, type ChangeTemplates } from '../../domain/changes/change-template';
import { stepThresholds, teamCalendar } from '../../domain/changes/step-clock';
import type { ChangeStore, ChangeTx } from '../../domain/ports/change-store.port';
import type { Clock } from '../../domain/ports/clock.port';
import type { DirectoryStore } from '../../domain/ports/directory-store.port';
import type { Log } from '../../domain/ports/log.port';
import { fail, ok, type Result } from '../../domain/shared/result';
import { SYSTEM_ACTOR } from '../../domain/tickets/actor';
import { parseRef } from '../../domain/tickets/ticket';
import { NO_DIRECTORY, type CounterFactory } from '../tickets/ticket-context';
import type { TicketService } from '../tickets/ticket-service';

export interface ChangeServiceDeps {
  store: ChangeStore;
  directory: DirectoryStore;
  clock: Clock;
  templates: ChangeTemplates;
  counters: CounterFactory;
  tickets: TicketService;
  log: Log;
  /** Called after each commit (the outbox runner's `kick`, or a test's drain); its failure is only logged. */
  afterCommit?: () => void | Promise<void>;
}

export interface RequestChangeInput {
  template: string;
  title: string;
  description?: string;
  /** `P-…` or `I-…`: the problem or incident the change fixes (resolved when it succeeds). */
  link?: string;
}

const MAX_ATTEMPTS = 5;

export class ChangeService {
  constructor(private readonly deps: ChangeServiceDeps) {}

  get templates(): readonly ChangeTemplate[] {
    return this.deps.templates.templates;
  }

  /** The templates `person` may request. */
  async templatesFor(person: string): Promise<ChangeTemplate[]> {
    const dir = await this.deps.directory.current();
    return dir ? this.deps.templates.templates.filter((t) => mayRequest(dir, person, t)) : [];
  }

  async get(ref: string): Promise<Result<Change>> {
    const id = parseChangeRef(ref);
    const c = id ? await this.deps.store.get(id) : null;
    return c ? ok(c) : fail('CHANGE.NOT_FOUND', `no change ${ref}`, { ref: ref.trim().toUpperCase() });
  }

  async request(person: string, input: RequestChangeInput): Promise<Result<Change>> {
    const dir = await this.deps.directory.current();
    if (!dir) return { ok: false, error: NO_DIRECTORY };
    const template = findTemplate(this.deps.templates, input.template);
    if (!template) return fail('CHANGE.UNKNOWN_TEMPLATE', `no template ${input.template}`, { template: input.template });
    const incidents: number[] = [];
    const problems: number[] = [];
    if (input.link) {
      // The change fixes a problem (`P-…`) or an incident (`I-…`): closing it resolves them (docs/changes.md §5).
      const parsed = parseRef(input.link);
      const ref = input.link.trim().toUpperCase();
      if (!parsed || (parsed.kind !== 'incident' && parsed.kind !== 'problem')) return fail('CHANGE.BAD_LINK', `${ref} is no problem or incident`, { ref });
      const t = await this.deps.tickets.get(SYSTEM_ACTOR, input.link);
      if (!t.ok) return t;
      (parsed.kind === 'problem' ? problems : incidents).push(t.value.id);
    }
    const now = this.deps.clock.now();
    const d = openChange(dir, { template, title: input.title, description: input.description, requester: person, incidents, problems }, now);
    if (!d.ok) return d;
    const saved = await this.deps.store.transaction(async (tx) => {
      const id = await tx.insert(d.value.change);
      const change = { ...d.value.change, id, version: 1 };
      await this.armClock(tx, change, dir);
      await tx.appendOutbox(changeOutboxEvents(id, change.version, d.value.events));
      return change;
    });
    await this.committed();
    return ok(saved);
  }

  /** A step command (`step`: the step the card's button was for), resubmit or cancel. */
  async act(person: string, ref: string, cmd: ChangeCommand, step?: number): Promise<Result<Change>> {
    const dir = await this.deps.directory.current();
    if (!dir) return { ok: false, error: NO_DIRECTORY };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const found = await this.get(ref);
      if (!found.ok) return found;
      const before = found.value;
      const d: Result<ChangeDecision> = decideChange(dir, before, cmd, person, this.deps.clock.now(), step);
      if (!d.ok) return d;
      const saved = await this.deps.store.transaction(async (tx) => {
        if (!(await tx.update(d.value.change, before.version))) return null;
        const change = { ...d.value.change, version: before.version + 1 };
        const types = d.value.events.map((e) => e.type);
        if (types.some((t) => t !== 'ChangeStepClaimed')) await tx.cancelArmed(change.id);
        if (types.includes('ChangeStepCurrent') || types.includes('ChangeResubmitted')) await this.armClock(tx, change, dir);
        await tx.appendOutbox(changeOutboxEvents(change.id, change.version, d.value.events));
        return change;
      });
      if (!saved) continue; // lost the race: read again and decide again
      await this.committed();
      return ok(saved);
    }
    return fail('TICKET.CONCURRENT_UPDATE', `${ref} kept changing`, { ref });
  }

  private async armClock(tx: ChangeTx, change: Change, dir: NonNullable<Awaited<ReturnType<DirectoryStore['current']>>>): Promise<void> {
    const step = change.steps[change.current]!;
    const counter = this.deps.counters(dir)(teamCalendar(dir, step.team));
    await tx.arm(stepThresholds(change, change.version, counter));
  }

  private async committed(): Promise<void> {
    try {
      await this.deps.afterCommit?.();
    } catch (e) {
      // The events are committed: the outbox poll hands them over later.
      this.deps.log.warn('change.after_commit.failed', { error: (e as Error).message });
    }
  }
}
