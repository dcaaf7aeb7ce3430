/**
 * The change use cases (docs/changes.md): request a change, act on its current step, resubmit, cancel; each in
 * one transaction with its step-clock rows. After the commit the registered reactions run (cards and notices in
 * the chat layer, the clocks' jobs in the escalation layer), and a successful change resolves its linked
 * incidents and their requests through the ticket service.
 */
import { formatChangeRef, parseChangeRef, type Change } from '../../domain/changes/change';
import {
  decideChange,
  mayRequest,
  openChange,
  type ChangeCommand,
  type ChangeDecision,
  type ChangeEvent,
} from '../../domain/changes/change-lifecycle';
import { findTemplate, type ChangeTemplate, type ChangeTemplates } from '../../domain/changes/change-template';
import { stepThresholds, teamCalendar } from '../../domain/changes/step-clock';
import type { ChangeStore, ChangeTx } from '../../domain/ports/change-store.port';
import type { Clock } from '../../domain/ports/clock.port';
import type { DirectoryStore } from '../../domain/ports/directory-store.port';
import type { Log } from '../../domain/ports/log.port';
import { fail, ok, type Result } from '../../domain/shared/result';
import { SYSTEM_ACTOR } from '../../domain/tickets/actor';
import { parseRef, type Ticket } from '../../domain/tickets/ticket';
import { NO_DIRECTORY, type CounterFactory } from '../tickets/ticket-context';
import type { TicketService } from '../tickets/ticket-service';

/** What happened, after the commit: the change as saved, its events, and the tickets it resolved. */
export interface ChangeHappened {
  change: Change;
  events: ChangeEvent[];
  resolved: Ticket[];
}

export type ChangeReaction = (happened: ChangeHappened) => Promise<void>;

export interface ChangeServiceDeps {
  store: ChangeStore;
  directory: DirectoryStore;
  clock: Clock;
  templates: ChangeTemplates;
  counters: CounterFactory;
  tickets: TicketService;
  log: Log;
}

export interface RequestChangeInput {
  template: string;
  title: string;
  description?: string;
  /** `I-…` to link (a problem's ref once problems exist). */
  link?: string;
}

const MAX_ATTEMPTS = 5;

export class ChangeService {
  private readonly reactions: ChangeReaction[] = [];

  constructor(private readonly deps: ChangeServiceDeps) {}

  /** Run `reaction` after every committed change (in registration order; a failing one is logged, the next runs). */
  onChanged(reaction: ChangeReaction): void {
    this.reactions.push(reaction);
  }

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
    if (input.link) {
      const parsed = parseRef(input.link);
      if (!parsed || parsed.kind !== 'incident') return fail('TICKET.NOT_AN_INCIDENT', `${input.link} is not an incident`, { ref: input.link });
      const t = await this.deps.tickets.get(SYSTEM_ACTOR, input.link);
      if (!t.ok) return t;
      incidents.push(t.value.id);
    }
    const now = this.deps.clock.now();
    const d = openChange(dir, { template, title: input.title, description: input.description, requester: person, incidents }, now);
    if (!d.ok) return d;
    const saved = await this.deps.store.transaction(async (tx) => {
      const id = await tx.insert(d.value.change);
      const change = { ...d.value.change, id, version: 1 };
      await this.armClock(tx, change, dir);
      return change;
    });
    await this.react({ change: saved, events: d.value.events, resolved: [] });
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
        return change;
      });
      if (!saved) continue; // lost the race: read again and decide again
      const resolved = saved.status === 'successful' ? await this.closeLinked(saved) : [];
      await this.react({ change: saved, events: d.value.events, resolved });
      return ok(saved);
    }
    return fail('TICKET.CONCURRENT_UPDATE', `${ref} kept changing`, { ref });
  }

  private async armClock(tx: ChangeTx, change: Change, dir: NonNullable<Awaited<ReturnType<DirectoryStore['current']>>>): Promise<void> {
    const step = change.steps[change.current]!;
    const counter = this.deps.counters(dir)(teamCalendar(dir, step.team));
    await tx.arm(stepThresholds(change, change.version, counter));
  }

  private async closeLinked(change: Change): Promise<Ticket[]> {
    if (change.incidents.length === 0) return [];
    const r = await this.deps.tickets.resolveByChange(formatChangeRef(change.id), change.incidents);
    if (!r.ok) {
      this.deps.log.error('change.close_linked.failed', { ref: formatChangeRef(change.id), code: r.error.code });
      return [];
    }
    return r.value;
  }

  private async react(happened: ChangeHappened): Promise<void> {
    for (const reaction of this.reactions) {
      try {
        await reaction(happened);
      } catch (e) {
        this.deps.log.error('change.reaction.failed', { ref: formatChangeRef(happened.change.id), error: (e as Error).message });
      }
    }
  }
}
