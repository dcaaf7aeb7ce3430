/**
 * The workbench page's use cases (docs/portal.md): sign-in by DingTalk auth code, lists scoped by the view rule
 * in the database, one ticket with its logs, history and relations, the card's actions through the same
 * `TicketService` use cases (so the same permission checks and the same outbox → card updates and notices), saved
 * shortcuts, and the leads' dashboard. Every action is written to history with the entry point `portal`.
 */
import type { Directory } from '../../domain/directory/directory';
import type { Person } from '../../domain/directory/directory.types';
import type { Clock } from '../../domain/ports/clock.port';
import type { DirectoryStore } from '../../domain/ports/directory-store.port';
import type { NoticeStore } from '../../domain/ports/notice-store.port';
import type { OutboxStore } from '../../domain/ports/outbox.port';
import type { DingTalkSignIn, PortalReadStore, Shortcut, ShortcutStore, TicketPage } from '../../domain/ports/portal-store.port';
import type { HistoryRow, TicketStore } from '../../domain/ports/ticket-store.port';
import { computeDashboard, type Dashboard } from '../../domain/portal/dashboard';
import type { QueueFilter, QueueSort } from '../../domain/portal/queue-filter';
import { err, fail, ok, type DomainError, type Result } from '../../domain/shared/result';
import type { Actor } from '../../domain/tickets/actor';
import { commandsFrom, type CommandType } from '../../domain/tickets/lifecycle';
import { isAllowed, type TicketPermission } from '../../domain/tickets/permissions';
import { formatRef, OPEN_STATES, parseRef, type LogEntry, type Ticket } from '../../domain/tickets/ticket';
import { viewScope, type ViewScope } from '../../domain/tickets/view-scope';
import type { TicketService } from '../tickets/ticket-service';
import type { FaqEntry } from '../../domain/faq/faq';
import type { Demand, DemandState } from '../../domain/demands/demand';
import type { DemandStore } from '../../domain/ports/demand-pool.port';
import { contractsReport, type ContractsReport } from '../../domain/directory/contracts-report';
import type { FaqService } from '../faq/faq-service';

export type SignInFailure = 'bad_code' | 'unknown_person';
export type PortalView = 'mine' | 'assigned' | 'queue' | 'search';

/**
 * The page's actions: the card's buttons (docs/interfaces.md "Ticket card") by the same names, and the problem
 * card's (`problem.resolve`, `problem.link`, `problem.unlink`, docs/domain.md §9) as `problem_…`.
 */
export const PAGE_ACTIONS = [
  'claim', 'assign', 'pend', 'resume', 'resolve', 'close', 'reopen', 'note', 'note_private', 'problem_resolve', 'problem_link', 'problem_unlink',
] as const;
export type PageAction = (typeof PAGE_ACTIONS)[number];

/** `command` null: not a transition (offered while the ticket is not closed); `problems`: only on problems (the others on every kind, as the lifecycle allows). */
const ACTION_RULES: Record<PageAction, { command: CommandType | null; permission: TicketPermission; problems?: boolean }> = {
  claim: { command: 'claim', permission: 'claim' },
  assign: { command: 'assign', permission: 'assign' },
  pend: { command: 'pend', permission: 'pend' },
  resume: { command: 'resume', permission: 'resume' },
  resolve: { command: 'resolve', permission: 'resolve' },
  close: { command: 'close', permission: 'close' },
  reopen: { command: 'reopen', permission: 'reopen' },
  note: { command: null, permission: 'note_public' },
  note_private: { command: null, permission: 'note_private' },
  // Problems: resolving records root cause and workaround/solution; linking and unlinking are for the problem's
  // team's problem managers and administrators (isAllowed on a problem: the default rule; problems.ts re-checks).
  problem_resolve: { command: 'resolve_problem', permission: 'resolve', problems: true },
  problem_link: { command: null, permission: 'assign', problems: true },
  problem_unlink: { command: null, permission: 'assign', problems: true },
};

export interface Viewer {
  person: Person;
  scope: ViewScope;
  isAdmin: boolean;
  /** Sees team queues (member of a team, or an administrator). */
  isAgent: boolean;
  /** Leads a team, or an administrator: the dashboard. */
  isLead: boolean;
}

export interface TicketView {
  ticket: Ticket;
  logs: LogEntry[];
  history: HistoryRow[];
  /** The incident this request is linked to (null: none, or not viewable: `parentRef` still names it). */
  parent: Ticket | null;
  parentRef: string | null;
  /** An incident's requests the viewer may see. */
  children: Ticket[];
  /** A request's or incident's problem (null: none, or not viewable: `problemRef` still names it). */
  problem: Ticket | null;
  problemRef: string | null;
  /** A problem's requests and incidents the viewer may see. */
  problemTickets: Ticket[];
  /** What the viewer may do now (state allows it, and the permission). */
  actions: PageAction[];
  /** Agents the viewer may assign to (members of the ticket's team), when `assign` is offered. */
  assignees: Person[];
  seesPrivate: boolean;
}

export interface PortalServiceDeps {
  tickets: TicketService;
  /** Read side of the same tickets: the page reads a viewed ticket's logs and history in one go. */
  store: TicketStore;
  directory: DirectoryStore;
  reads: PortalReadStore;
  shortcuts: ShortcutStore;
  signIn: DingTalkSignIn;
  clock: Clock;
  /** Dead letters for administrators (absent: the admin page says there are none to show). */
  outbox?: OutboxStore;
  notices?: NoticeStore;
  /** The FAQ browser (absent: no entries to show). */
  faqs?: FaqService;
  /** The demand pool (absent: no demands to show). */
  demands?: DemandStore;
}

const NO_DIRECTORY: DomainError = { code: 'DIRECTORY.EMPTY', message: 'no directory is stored' };
/** The dashboard's figures are kept this long per scope (docs/portal.md "Dashboard": "as of at most 30 s ago"). */
export const DASHBOARD_TTL_MS = 30_000;
const PAGE_MAX = 100;

export class PortalService {
  /** Per scope: when computed and the figures (a promise: concurrent viewers of one scope share one computation). */
  private readonly dashboards = new Map<string, { at: number; value: Promise<Dashboard> }>();

  constructor(private readonly deps: PortalServiceDeps) {}

  private async dir(): Promise<Directory> {
    const d = await this.deps.directory.current();
    if (!d) throw new Error(NO_DIRECTORY.message);
    return d;
  }

  private actor(person: string): Actor {
    return { person, entryPoint: 'portal' };
  }

  /** DingTalk auth code → an active directory person (by their DingTalk user id). */
  async signIn(code: string): Promise<Result<Person, SignInFailure>> {
    if (!code || code.length > 256) return err('bad_code');
    const userId = await this.deps.signIn.userIdForAuthCode(code);
    if (!userId) return err('bad_code');
    const dir = await this.dir();
    const person = dir.personByUserId(userId);
    if (!person || !dir.isActive(person.id)) return err('unknown_person');
    return ok(person);
  }

  /** The signed-in person as the page needs them; null when they are no longer an active person. */
  async viewer(personId: string): Promise<Viewer | null> {
    const dir = await this.dir();
    const person = dir.person(personId);
    if (!person || !dir.isActive(personId)) return null;
    const isAdmin = dir.hasProfile(personId, 'administrator');
    const teams = dir.teamsOf(personId);
    return {
      person,
      scope: viewScope(dir, personId),
      isAdmin,
      isAgent: isAdmin || teams.length > 0,
      isLead: isAdmin || teams.some((t) => dir.isTeamLead(personId, t.code)),
    };
  }

  /** One page of a list, scoped by the view rule; `queue` shows open tickets unless states are chosen. */
  async list(viewer: Viewer, view: PortalView, filter: QueueFilter, sort: QueueSort, page = 0, size = 25): Promise<TicketPage> {
    const f: QueueFilter = { ...filter };
    if (view === 'mine') f.caller = viewer.person.id;
    if (view === 'assigned') f.assignee = viewer.person.id;
    if ((view === 'queue' || view === 'assigned') && !f.states?.length) f.states = [...OPEN_STATES];
    if (view === 'search' && !f.text) return { rows: [], more: false };
    const limit = Math.min(PAGE_MAX, Math.max(1, size));
    return this.deps.reads.tickets(viewer.scope, f, sort, { limit, offset: Math.max(0, page) * limit }, this.deps.clock.now());
  }

  /** A ref typed into search that names a ticket the viewer may see: go straight to it. */
  async exactRef(viewer: Viewer, text: string): Promise<string | null> {
    const parsed = parseRef(text);
    if (!parsed) return null;
    const ref = formatRef(parsed.kind, parsed.id);
    const got = await this.deps.tickets.get(this.actor(viewer.person.id), ref);
    return got.ok ? ref : null;
  }

  /**
   * Everything the ticket page shows; `TICKET.NOT_ALLOWED` / `TICKET.NOT_FOUND` (a 403 / 404 page, no data). One
   * read of the ticket, then its logs, history and relations side by side (docs/portal.md "Ticket page").
   */
  async ticket(viewer: Viewer, ref: string): Promise<Result<TicketView>> {
    const actor = this.actor(viewer.person.id);
    const got = await this.deps.tickets.get(actor, ref);
    if (!got.ok) return got;
    const t = got.value;
    const canonical = formatRef(t.kind, t.id);
    const parentRef = t.parent ? formatRef('incident', t.parent) : null;
    const problemRef = t.problem ? formatRef('problem', t.problem) : null;
    const none = Promise.resolve(null);
    // Viewing is allowed (checked by `get`): logs and history straight from the store, the private log filtered
    // by the same rule as `TicketService.logs` (note_private); relations through the use cases (the view rule).
    const [allLogs, history, dir, parent, children, problem, linked] = await Promise.all([
      this.deps.store.logs(t.id),
      this.deps.store.history(t.id),
      this.dir(),
      parentRef ? this.deps.tickets.get(actor, parentRef) : none,
      t.kind === 'incident' ? this.deps.tickets.list(actor, { scope: 'children', parent: canonical }, 200) : none,
      problemRef ? this.deps.tickets.get(actor, problemRef) : none,
      t.kind === 'problem' ? this.deps.tickets.problemTickets(actor, canonical) : none,
    ]);
    const seesPrivate = isAllowed(dir, viewer.person.id, 'note_private', t);
    const actions = PAGE_ACTIONS.filter((a) => {
      const rule = ACTION_RULES[a];
      if (rule.problems && t.kind !== 'problem') return false;
      const stateAllows = rule.command === null ? t.status !== 'closed' : commandsFrom(t.status, t.kind).includes(rule.command);
      return stateAllows && isAllowed(dir, viewer.person.id, rule.permission, t);
    });
    const problemTickets = linked?.ok ? linked.value.filter((x) => isAllowed(dir, viewer.person.id, 'view', x)) : [];
    return ok({
      ticket: t,
      logs: seesPrivate ? allLogs : allLogs.filter((l) => l.visibility === 'public'),
      history,
      parentRef,
      parent: parent?.ok ? parent.value : null,
      children: children?.ok ? children.value : [],
      problemRef,
      problem: problem?.ok ? problem.value : null,
      problemTickets,
      // Unlink is offered with the linked tickets to take out.
      actions: actions.filter((a) => a !== 'problem_unlink' || problemTickets.length > 0),
      assignees: actions.includes('assign') ? dir.teamMembers(t.team) : [],
      seesPrivate,
    });
  }

  /**
   * One of the card's actions, through the same use case as the card (which re-checks the permission and the
   * state); `params` are the form's fields.
   */
  async act(viewer: Viewer, ref: string, action: PageAction, params: Record<string, string>): Promise<Result<unknown>> {
    const a = this.actor(viewer.person.id);
    const t = this.deps.tickets;
    switch (action) {
      case 'claim':
        return t.claim(a, ref);
      case 'assign':
        return t.reassign(a, ref, { agent: params.agent ?? '' });
      case 'pend':
        return t.pend(a, ref, params.reason ?? '');
      case 'resume':
        return t.resume(a, ref);
      case 'resolve':
        return t.resolve(a, ref, params.solution ?? '', params.code || 'other');
      case 'close': {
        const s = Number(params.satisfaction);
        return t.close(a, ref, Number.isInteger(s) && s >= 1 && s <= 4 ? s : undefined, params.comment || undefined);
      }
      case 'reopen':
        return t.reopen(a, ref, params.reason ?? '');
      case 'note':
        return t.addLog(a, ref, params.text ?? '', 'public');
      case 'note_private':
        return t.addLog(a, ref, params.text ?? '', 'private');
      case 'problem_resolve':
        return t.resolveProblem(a, ref, { rootCause: params.root_cause ?? '', workaround: params.workaround || undefined, solution: params.solution || undefined });
      case 'problem_link':
        return t.linkProblem(a, (params.ticket ?? '').trim(), ref);
      case 'problem_unlink':
        return this.unlinkFrom(a, ref, (params.ticket ?? '').trim());
    }
  }

  /** Take `ticketRef` out of the problem `ref` (the page's problem): refused when it belongs to another problem. */
  private async unlinkFrom(actor: Actor, ref: string, ticketRef: string): Promise<Result<unknown>> {
    const problem = parseRef(ref);
    // Read as the viewer (the view rule): a ticket they may not see is refused as such, its link not told.
    const linked = await this.deps.tickets.get(actor, ticketRef);
    if (!linked.ok) return linked;
    if (!problem || linked.value.problem !== problem.id) return fail('PROBLEM.NOT_LINKED', 'the ticket does not belong to this problem', { ref: formatRef(linked.value.kind, linked.value.id) });
    return this.deps.tickets.unlinkProblem(actor, ticketRef);
  }

  shortcuts(viewer: Viewer): Promise<Shortcut[]> {
    return this.deps.shortcuts.list(viewer.person.id);
  }

  async saveShortcut(viewer: Viewer, name: string, filter: QueueFilter, sort: QueueSort, pinned: boolean): Promise<Result<Shortcut>> {
    const trimmed = name.trim();
    if (!trimmed) return fail('TICKET.FIELD_REQUIRED', 'a shortcut needs a name', { field: 'name' });
    if (trimmed.length > 80) return fail('TICKET.FIELD_TOO_LONG', 'shortcut name too long', { field: 'name', max: 80 });
    return ok(await this.deps.shortcuts.add({ owner: viewer.person.id, name: trimmed, filter, sort, pinned, createdAt: this.deps.clock.now() }));
  }

  pinShortcut(viewer: Viewer, id: number, pinned: boolean): Promise<boolean> {
    return this.deps.shortcuts.setPinned(viewer.person.id, id, pinned);
  }

  deleteShortcut(viewer: Viewer, id: number): Promise<boolean> {
    return this.deps.shortcuts.remove(viewer.person.id, id);
  }

  /** The leads' dashboard over the viewer's scope (leads and administrators). */
  async dashboard(viewer: Viewer): Promise<Result<Dashboard>> {
    if (!viewer.isLead) return fail('TICKET.NOT_ALLOWED', 'the dashboard is for leads and administrators', { action: 'view' });
    const now = this.deps.clock.now();
    const key = JSON.stringify({ ...viewer.scope, person: viewer.scope.all ? '' : viewer.scope.person });
    const kept = this.dashboards.get(key);
    if (kept && now.getTime() - kept.at < DASHBOARD_TTL_MS) return ok(await kept.value);
    const value = (async () => {
      const dir = await this.dir();
      const rows = await this.deps.reads.dashboardRows(viewer.scope, new Date(now.getTime() - 30 * 86_400_000));
      return computeDashboard(rows, now, dir.timezone);
    })();
    if (this.dashboards.size > 1000) this.dashboards.clear();
    this.dashboards.set(key, { at: now.getTime(), value });
    value.catch(() => this.dashboards.delete(key));
    return ok(await value);
  }

  /** Administrators: the stored directory (read-only tables). */
  async directoryData(viewer: Viewer): Promise<Result<Directory['data']>> {
    if (!viewer.isAdmin) return fail('TICKET.NOT_ALLOWED', 'administrators only', { action: 'view' });
    return ok((await this.dir()).data);
  }

  /** Administrators: dead outbox events and notices. */
  async deadLetters(viewer: Viewer): Promise<Result<{ outbox: Array<{ id: number; what: string; error: string | null }>; notices: Array<{ id: number; what: string; error: string | null }> }>> {
    if (!viewer.isAdmin) return fail('TICKET.NOT_ALLOWED', 'administrators only', { action: 'view' });
    const outbox = this.deps.outbox ? await this.deps.outbox.dead(100) : [];
    const notices = this.deps.notices ? await this.deps.notices.dead(100) : [];
    return ok({
      outbox: outbox.map((o) => ({ id: o.id, what: `${o.event.type} ${o.event.ref}`, error: null })),
      notices: notices.map((n) => ({ id: n.id, what: `${n.ref} ${n.eventCode} → ${n.personId}`, error: n.lastError ?? null })),
    });
  }

  async replayDeadLetter(viewer: Viewer, kind: string, id: number): Promise<Result<boolean>> {
    if (!viewer.isAdmin) return fail('TICKET.NOT_ALLOWED', 'administrators only', { action: 'view' });
    const now = this.deps.clock.now();
    if (kind === 'outbox' && this.deps.outbox) return ok(await this.deps.outbox.replay(id, now));
    if (kind === 'notices' && this.deps.notices) return ok(await this.deps.notices.replay(id, now));
    return ok(false);
  }

  // ---- the FAQ browser, the demand pool, the contracts report (docs/portal.md) ----------------------------------

  /**
   * The FAQ browser: the published entries of the services the viewer may use (or manages), matched against
   * `words` as the chat's `faq <words>` does; `manages` = the services whose counters the viewer may see.
   */
  async faq(viewer: Viewer, words: string): Promise<Result<{ entries: FaqEntry[]; manages: string[] }>> {
    if (!this.deps.faqs) return ok({ entries: [], manages: [] });
    return ok(await this.deps.faqs.browse(await this.dir(), viewer.person, words.slice(0, 200)));
  }

  /**
   * The demand pool: agents, leads and administrators; the demands carded to a team of the viewer's scope or of a
   * service of such a team (administrators: all), newest first.
   */
  async demands(viewer: Viewer, state?: DemandState, limit = DEMANDS_MAX): Promise<Result<Demand[]>> {
    if (!viewer.isAgent) return fail('TICKET.NOT_ALLOWED', 'the demand pool is for agents, leads and administrators', { action: 'view' });
    if (!this.deps.demands) return ok([]);
    let scope: { teams: string[]; services: string[] } | null = null;
    if (!viewer.scope.all) {
      const teams = viewer.scope.teams;
      scope = { teams, services: (await this.dir()).data.services.filter((s) => teams.includes(s.team)).map((s) => s.code) };
    }
    return ok(await this.deps.demands.list({ scope, state, limit }));
  }

  /** Administrators: the contracts report (the same as `GET /admin/contracts-report`). */
  async contracts(viewer: Viewer): Promise<Result<ContractsReport>> {
    if (!viewer.isAdmin) return fail('TICKET.NOT_ALLOWED', 'administrators only', { action: 'view' });
    return ok(contractsReport(await this.dir(), this.deps.clock.now()));
  }
}

/** The demand pool page lists at most this many demands. */
export const DEMANDS_MAX = 200;
