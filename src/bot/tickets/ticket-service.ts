/**
 * The ticket application API used by the chat and escalation layers: open, claim, assign, reassign, pend,
 * resume, resolve, close, reopen, link, make incident, add log, get, list. Each write re-checks permissions and
 * eligibility on the current directory, saves with an optimistic version check, and writes its history and
 * outbox events in the same transaction.
 */
import type { Directory } from '../../domain/directory/directory';
import type { Clock } from '../../domain/ports/clock.port';
import type { DirectoryStore } from '../../domain/ports/directory-store.port';
import type { HistoryRow, TicketQuery, TicketStore, TicketSummary, TicketTx } from '../../domain/ports/ticket-store.port';
import { fail, ok, type DomainError, type Result } from '../../domain/shared/result';
import type { TicketEventDraft } from '../../domain/tickets/events';
import { applyDecision, LostRace, toEvent as event } from '../../domain/tickets/apply-decision';
import { decide, diffTicket, type TicketCommand } from '../../domain/tickets/lifecycle';
import { openIncident, openRequest, type OpenIncidentInput, type OpenRequestInput } from '../../domain/tickets/open';
import { isAllowed } from '../../domain/tickets/permissions';
import { alreadyFiled, MessageAlreadyFiled } from '../../domain/tickets/source-message';
import { ALWAYS, type TimeCounter } from '../../domain/tickets/stopwatch';
import {
  DUPLICATE_DISMISSED,
  DUPLICATE_FIELD,
  DUPLICATE_SUGGESTED,
  readDuplicateRecords,
  SIMILAR_FIELD,
  SIMILAR_MARKED,
  type DuplicateRecords,
} from '../../domain/similarity/duplicate-records';
import {
  LOG_MAX,
  OPEN_STATES,
  parseRef,
  refOf,
  type EntryPoint,
  type LogEntry,
  type Ticket,
  type TicketState,
} from '../../domain/tickets/ticket';

export const SYSTEM_ACTOR = 'system';

/** The history row that records a duplicate suggestion (read back by `readDuplicateRecords`). */
function suggestionRow(ticketId: number, at: Date, duplicateOf: string): HistoryRow {
  return {
    ticketId,
    at,
    actor: SYSTEM_ACTOR,
    entryPoint: 'system',
    action: DUPLICATE_SUGGESTED,
    changes: [{ field: DUPLICATE_FIELD, from: null, to: duplicateOf }],
  };
}

export interface Actor {
  /** Directory person id, or `system`. */
  person: string;
  entryPoint: EntryPoint;
}

export type CounterFactory = (dir: Directory) => (calendar: string | null) => TimeCounter;

export interface TicketServiceDeps {
  store: TicketStore;
  directory: DirectoryStore;
  clock: Clock;
  /** Working-time arithmetic per calendar; default 24×7 everywhere. */
  counters?: CounterFactory;
  /** Optimistic-concurrency retries before answering TICKET.CONCURRENT_UPDATE. */
  maxAttempts?: number;
  /** Called after every committed write (lets the outbox be handled at once instead of at the next poll). */
  onCommitted?: () => void;
}

export type ListScope =
  | { scope: 'mine' }
  | { scope: 'team_queue' }
  | { scope: 'unassigned' }
  | { scope: 'by_state'; states: TicketState[] }
  | { scope: 'by_service'; service: string; states?: TicketState[]; createdAfter?: Date }
  | { scope: 'children'; parent: string };


const NO_DIRECTORY: DomainError = { code: 'DIRECTORY.EMPTY', message: 'no directory has been imported yet' };

export class TicketService {
  private readonly counters: CounterFactory;
  private readonly maxAttempts: number;

  constructor(private readonly deps: TicketServiceDeps) {
    this.counters = deps.counters ?? (() => () => ALWAYS);
    this.maxAttempts = deps.maxAttempts ?? 5;
  }

  /**
   * Open a request. `duplicateOf`: the likely duplicate found before filing (chat intake), recorded in the same
   * transaction as a system history row (read back by `duplicateRecords`). `input.sourceMsg`: the chat message it
   * is filed from; when a ticket from that message exists already (a replay, or another process at the same
   * moment), nothing is written and the answer is `TICKET.ALREADY_FILED` carrying that ticket (`AlreadyFiled`).
   */
  async open(
    actor: Actor,
    input: Omit<OpenRequestInput, 'caller'> & { caller?: string },
    options: { duplicateOf?: string } = {},
  ): Promise<Result<Ticket>> {
    const dir = await this.deps.directory.current();
    if (!dir) return { ok: false, error: NO_DIRECTORY };
    const now = this.deps.clock.now();
    const opened = openRequest(
      { ...input, caller: input.caller ?? actor.person },
      { dir, now, entryPoint: actor.entryPoint, counter: this.counters(dir) },
    );
    if (!opened.ok) return opened;
    try {
      const ticket = await this.transaction((tx) =>
        this.insertNew(tx, opened.value.ticket, opened.value.events, 'open', (id) =>
          options.duplicateOf ? [suggestionRow(id, now, options.duplicateOf)] : [],
        ),
      );
      return ok(ticket);
    } catch (e) {
      // The ticket INSERT hit the message's unique key: the transaction rolled back whole. Not retried.
      if (!(e instanceof MessageAlreadyFiled)) throw e;
      const filed = await this.deps.store.filedFrom(e.msgId);
      if (!filed) throw e;
      return alreadyFiled(filed);
    }
  }

  /** The ticket filed from chat message `msgId`, if any. */
  filedFrom(msgId: string): Promise<Ticket | null> {
    return this.deps.store.filedFrom(msgId);
  }

  /** Make an incident from requests (or by command with service + subcategory) and link the requests to it. */
  async createIncident(
    actor: Actor,
    input: Omit<OpenIncidentInput, 'actor' | 'requests'> & { requests: string[] },
  ): Promise<Result<Ticket>> {
    return this.retrying(async () => {
      const dir = await this.deps.directory.current();
      if (!dir) return { ok: false, error: NO_DIRECTORY };
      const now = this.deps.clock.now();
      const requests: Ticket[] = [];
      for (const ref of input.requests) {
        const found = await this.load(ref);
        if (!found.ok) return found;
        requests.push(found.value);
      }
      const opened = openIncident(
        { ...input, actor: actor.person, requests },
        { dir, now, entryPoint: actor.entryPoint, counter: this.counters(dir) },
      );
      if (!opened.ok) return opened;
      const incident = await this.transaction(async (tx) => {
        const inc = await this.insertNew(tx, opened.value.ticket, opened.value.events, 'make_incident');
        for (const r of requests) await this.linkInTx(tx, r, inc, actor, now);
        return inc;
      });
      return ok(incident);
    });
  }

  claim(actor: Actor, ref: string) {
    return this.act(actor, ref, { type: 'claim' });
  }
  assign(actor: Actor, ref: string, team: string, agent: string) {
    return this.act(actor, ref, { type: 'assign', team, agent });
  }
  reassign(actor: Actor, ref: string, target: { team?: string; agent?: string }) {
    return this.act(actor, ref, { type: 'reassign', ...target });
  }
  pend(actor: Actor, ref: string, reason: string) {
    return this.act(actor, ref, { type: 'pend', reason });
  }
  resume(actor: Actor, ref: string) {
    return this.act(actor, ref, { type: 'resume' });
  }
  resolve(actor: Actor, ref: string, solution: string, resolutionCode: string) {
    return this.act(actor, ref, { type: 'resolve', solution, resolutionCode });
  }
  close(actor: Actor, ref: string, satisfaction?: number, comment?: string) {
    return this.act(actor, ref, { type: 'close', satisfaction, comment });
  }
  reopen(actor: Actor, ref: string, reason: string) {
    return this.act(actor, ref, { type: 'reopen', reason });
  }
  /** Change impact/urgency (priority) or service/subcategory; deadlines are recomputed. */
  reclassify(actor: Actor, ref: string, change: { impact?: number; urgency?: number; service?: string; subcategory?: string }) {
    return this.act(actor, ref, { type: 'reclassify', ...change });
  }

  /**
   * Apply one lifecycle command. Resolving an incident resolves its open children in the same transaction.
   * System commands (thresholds, cascades) are refused to people.
   */
  async act(actor: Actor, ref: string, cmd: TicketCommand): Promise<Result<Ticket>> {
    const system = cmd.type === 'escalate_tto' || cmd.type === 'escalate_ttr' || cmd.type === 'auto_resolve';
    if (system && actor.person !== SYSTEM_ACTOR) {
      return fail('TICKET.NOT_ALLOWED', 'only the system may do this', { action: cmd.type, ref });
    }
    return this.retrying(async () => {
      const dir = await this.deps.directory.current();
      if (!dir) return { ok: false, error: NO_DIRECTORY };
      const found = await this.load(ref);
      if (!found.ok) return found;
      const t = found.value;
      const now = this.deps.clock.now();
      const ctx = { dir, actor: actor.person, entryPoint: actor.entryPoint, now, counter: this.counters(dir) };
      const d = decide(t, cmd, ctx);
      if (!d.ok) return d;
      const saved = await this.transaction(async (tx) => {
        const after = await applyDecision(tx, t, d.value, cmd.type, actor);
        if (t.kind === 'incident' && d.value.ticket.status === 'resolved') {
          const children = await tx.list({ parent: t.id, states: [...OPEN_STATES] });
          for (const child of children) {
            const cd = decide(child, { type: 'auto_resolve', parentRef: refOf(t) }, {
              ...ctx,
              actor: SYSTEM_ACTOR,
              entryPoint: 'system',
            });
            if (cd.ok) await applyDecision(tx, child, cd.value, 'auto_resolve', { person: SYSTEM_ACTOR, entryPoint: 'system' });
          }
        }
        return after;
      });
      return ok(saved);
    });
  }

  /** Link an open request to an open incident (it will be resolved with it). */
  linkToIncident(actor: Actor, requestRef: string, incidentRef: string): Promise<Result<Ticket>> {
    return this.link(actor, requestRef, incidentRef, 'link');
  }

  /**
   * The caller of an open request joins it to an open incident of the same service ("same as I-…?"): a link
   * allowed to the request's own caller only (permission `join`), never to other people's requests.
   */
  joinIncident(actor: Actor, requestRef: string, incidentRef: string): Promise<Result<Ticket>> {
    return this.link(actor, requestRef, incidentRef, 'join');
  }

  /** The caller answers "not the same" to the suggested duplicate of their request. */
  async dismissDuplicate(actor: Actor, ref: string): Promise<Result<Ticket>> {
    const dir = await this.deps.directory.current();
    if (!dir) return { ok: false, error: NO_DIRECTORY };
    const found = await this.load(ref);
    if (!found.ok) return found;
    const t = found.value;
    if (!isAllowed(dir, actor.person, 'join', t)) return fail('TICKET.NOT_ALLOWED', 'only the caller may answer this', { ref, action: 'join' });
    const now = this.deps.clock.now();
    await this.transaction((tx) =>
      tx.appendHistory([{ ticketId: t.id, at: now, actor: actor.person, entryPoint: actor.entryPoint, action: DUPLICATE_DISMISSED, changes: [] }]),
    );
    return ok(t);
  }

  /**
   * The caller says their open request is the same as another open request of the same service: the pair is
   * recorded as similar on both (no link: callers never create incidents). Returns the other request, whose
   * cards then offer its agents "make incident from N" (event TicketMarkedSimilar).
   */
  async markSimilar(actor: Actor, requestRef: string, otherRef: string): Promise<Result<Ticket>> {
    const dir = await this.deps.directory.current();
    if (!dir) return { ok: false, error: NO_DIRECTORY };
    const r = await this.load(requestRef);
    if (!r.ok) return r;
    const o = await this.load(otherRef);
    if (!o.ok) return o;
    const request = r.value;
    const other = o.value;
    for (const t of [request, other]) {
      if (t.kind !== 'request') return fail('TICKET.NOT_A_REQUEST', 'only requests can be similar', { ref: refOf(t) });
      if (t.status === 'resolved' || t.status === 'closed') {
        return fail('TICKET.NOT_OPEN', 'the ticket is no longer open', { ref: refOf(t), state: t.status });
      }
    }
    if (request.id === other.id || request.service !== other.service) {
      return fail('TICKET.NOT_SIMILAR', 'the requests are not of the same service', { ref: refOf(other) });
    }
    if (!isAllowed(dir, actor.person, 'join', request)) {
      return fail('TICKET.NOT_ALLOWED', 'only the caller may group this request', { ref: refOf(request), action: 'join' });
    }
    const now = this.deps.clock.now();
    const row = (t: Ticket, to: Ticket): HistoryRow => ({
      ticketId: t.id,
      at: now,
      actor: actor.person,
      entryPoint: actor.entryPoint,
      action: SIMILAR_MARKED,
      changes: [{ field: SIMILAR_FIELD, from: null, to: refOf(to) }],
    });
    await this.transaction(async (tx) => {
      await tx.appendHistory([row(request, other), row(other, request)]);
      await tx.appendOutbox([
        event(other, { type: 'TicketMarkedSimilar', actor: actor.person, entryPoint: actor.entryPoint, at: now, data: { similar: refOf(request) } }),
      ]);
    });
    return ok(other);
  }

  /**
   * The duplicate bookkeeping of a ticket (pending suggestion, requests recorded as similar), read from its history
   * alone (every card render asks; the ref names the row, so the ticket itself is not read: an unknown one has none).
   */
  async duplicateRecords(ref: string): Promise<Result<DuplicateRecords>> {
    const parsed = parseRef(ref);
    if (!parsed) return fail('TICKET.NOT_FOUND', 'no such ticket', { ref });
    return ok(readDuplicateRecords(await this.deps.store.history(parsed.id)));
  }

  private async link(actor: Actor, requestRef: string, incidentRef: string, as: 'link' | 'join'): Promise<Result<Ticket>> {
    return this.retrying(async () => {
      const dir = await this.deps.directory.current();
      if (!dir) return { ok: false, error: NO_DIRECTORY };
      const r = await this.load(requestRef);
      if (!r.ok) return r;
      const inc = await this.load(incidentRef);
      if (!inc.ok) return inc;
      const request = r.value;
      const incident = inc.value;
      if (request.kind !== 'request') return fail('TICKET.NOT_A_REQUEST', 'only requests can be linked', { ref: requestRef });
      if (incident.kind !== 'incident') {
        return fail('TICKET.NOT_AN_INCIDENT', 'requests can only be linked to an incident', { ref: refOf(incident) });
      }
      for (const t of [request, incident]) {
        if (t.status === 'resolved' || t.status === 'closed') {
          return fail('TICKET.NOT_OPEN', 'the ticket is no longer open', { ref: refOf(t), state: t.status });
        }
      }
      if (request.parent === incident.id) {
        return fail('TICKET.ALREADY_LINKED', 'the request is already linked to this incident', {
          ref: refOf(request),
          parent: refOf(incident),
        });
      }
      if (as === 'join' && request.parent !== null) {
        return fail('TICKET.ALREADY_LINKED', 'the request already belongs to an incident', { ref: refOf(request) });
      }
      if (as === 'join' && incident.service !== request.service) {
        return fail('TICKET.NOT_SIMILAR', 'the incident is of another service', { ref: refOf(incident) });
      }
      if (!isAllowed(dir, actor.person, as, request)) {
        return fail('TICKET.NOT_ALLOWED', 'not allowed to link this request', { ref: refOf(request), action: as });
      }
      const now = this.deps.clock.now();
      const linked = await this.transaction((tx) => this.linkInTx(tx, request, incident, actor, now));
      return ok(linked);
    });
  }

  /** Add a public or private log entry. Public entries on an incident are copied to its children. */
  async addLog(
    actor: Actor,
    ref: string,
    text: string,
    visibility: 'public' | 'private',
  ): Promise<Result<LogEntry>> {
    const dir = await this.deps.directory.current();
    if (!dir) return { ok: false, error: NO_DIRECTORY };
    const found = await this.load(ref);
    if (!found.ok) return found;
    const t = found.value;
    const body = text.trim();
    if (!body) return fail('TICKET.FIELD_REQUIRED', 'the note is empty', { field: 'text' });
    if (body.length > LOG_MAX) return fail('TICKET.FIELD_TOO_LONG', 'the note is too long', { field: 'text', max: LOG_MAX });
    if (!isAllowed(dir, actor.person, visibility === 'public' ? 'note_public' : 'note_private', t)) {
      return fail('TICKET.NOT_ALLOWED', 'not allowed to add a note to this ticket', { ref: refOf(t), action: 'note' });
    }
    const now = this.deps.clock.now();
    const entry: LogEntry = { at: now, author: actor.person, text: body, visibility };
    await this.transaction(async (tx) => {
      await tx.appendLog(t.id, entry);
      const byCaller = actor.person === t.caller;
      await tx.appendHistory([
        { ticketId: t.id, at: now, actor: actor.person, entryPoint: actor.entryPoint, action: `note_${visibility}`, changes: [] },
      ]);
      await tx.appendOutbox([
        event(t, {
          type: visibility === 'public' ? 'PublicNoteAdded' : 'PrivateNoteAdded',
          actor: actor.person,
          entryPoint: actor.entryPoint,
          at: now,
          data: { byCaller, text: body },
        }),
      ]);
      if (visibility === 'public' && t.kind === 'incident') {
        const children = await tx.list({ parent: t.id });
        for (const c of children.filter((c) => c.status !== 'closed')) {
          await tx.appendLog(c.id, { ...entry, text: `[${refOf(t)}] ${body}` });
          await tx.appendOutbox([
            event(c, {
              type: 'PublicNoteAdded',
              actor: actor.person,
              entryPoint: actor.entryPoint,
              at: now,
              data: { byCaller: false, text: body, fromParent: refOf(t) },
            }),
          ]);
        }
      }
    });
    return ok(entry);
  }

  /** A ticket the actor may view; `system` sees everything. */
  async get(actor: Actor, ref: string): Promise<Result<Ticket>> {
    const found = await this.load(ref);
    if (!found.ok || actor.person === SYSTEM_ACTOR) return found;
    const dir = await this.deps.directory.current();
    if (!dir || !isAllowed(dir, actor.person, 'view', found.value)) {
      return fail('TICKET.NOT_ALLOWED', 'not allowed to view this ticket', { ref: refOf(found.value), action: 'view' });
    }
    return found;
  }

  async logs(actor: Actor, ref: string): Promise<Result<LogEntry[]>> {
    const t = await this.get(actor, ref);
    if (!t.ok) return t;
    const dir = await this.deps.directory.current();
    const all = await this.deps.store.logs(t.value.id);
    const seesPrivate = actor.person === SYSTEM_ACTOR || (!!dir && isAllowed(dir, actor.person, 'note_private', t.value));
    return ok(seesPrivate ? all : all.filter((l) => l.visibility === 'public'));
  }

  async history(actor: Actor, ref: string): Promise<Result<HistoryRow[]>> {
    const t = await this.get(actor, ref);
    if (!t.ok) return t;
    return ok(await this.deps.store.history(t.value.id));
  }

  /** How many tickets `person` is the caller of, opened at or after `since` (every process's, from the store). */
  filedSince(person: string, since: Date): Promise<number> {
    return this.deps.store.count({ caller: person, createdAfter: since });
  }

  /** Lists, filtered to what the actor may view, newest first. */
  async list(actor: Actor, what: ListScope, limit = 50): Promise<Result<Ticket[]>> {
    const dir = await this.deps.directory.current();
    if (!dir) return { ok: false, error: NO_DIRECTORY };
    const me = actor.person;
    const myTeams = dir.teamsOf(me).map((t) => t.code);
    let queries: TicketQuery[];
    switch (what.scope) {
      case 'mine':
        queries = [{ caller: me, limit }, { agent: me, limit }];
        break;
      case 'team_queue':
        if (myTeams.length === 0) return ok([]);
        queries = [{ teams: myTeams, states: [...OPEN_STATES], limit }];
        break;
      case 'unassigned':
        if (myTeams.length === 0) return ok([]);
        queries = [{ teams: myTeams, unassigned: true, states: ['new', 'escalated_tto'], limit }];
        break;
      case 'by_state':
        queries = [{ states: what.states, limit: limit * 4 }];
        break;
      case 'by_service':
        queries = [{ service: what.service, states: what.states, createdAfter: what.createdAfter, limit: me === SYSTEM_ACTOR ? limit : limit * 4 }];
        break;
      case 'children': {
        const parent = await this.load(what.parent);
        if (!parent.ok) return parent;
        queries = [{ parent: parent.value.id, limit }];
        break;
      }
    }
    const seen = new Set<number>();
    const out: Ticket[] = [];
    for (const q of queries) {
      for (const t of await this.deps.store.list(q)) {
        if (seen.has(t.id)) continue;
        seen.add(t.id);
        if (me === SYSTEM_ACTOR || isAllowed(dir, me, 'view', t)) out.push(t);
      }
    }
    out.sort((a, b) => b.id - a.id);
    return ok(out.slice(0, limit));
  }

  /**
   * The summaries (`TicketSummary`) of a service's tickets or of an incident's requests, newest first: reads for
   * the bot's own comparisons and counts (duplicate search, impact), not shown to anyone as such. An incident's
   * requests are found by the id its ref names (the incident itself is not read: every incident card asks).
   */
  async summaries(
    what: Extract<ListScope, { scope: 'by_service' } | { scope: 'children' }>,
    limit: number,
  ): Promise<Result<TicketSummary[]>> {
    if (what.scope === 'by_service') {
      return ok(await this.deps.store.summaries({ service: what.service, states: what.states, createdAfter: what.createdAfter, limit }));
    }
    const parent = parseRef(what.parent);
    if (!parent) return fail('TICKET.NOT_FOUND', 'no such ticket', { ref: what.parent });
    return ok(await this.deps.store.summaries({ parent: parent.id, limit }));
  }

  // ---- internals ----

  private async transaction<T>(work: (tx: TicketTx) => Promise<T>): Promise<T> {
    const result = await this.deps.store.transaction(work);
    this.deps.onCommitted?.();
    return result;
  }

  private async load(ref: string): Promise<Result<Ticket>> {
    const parsed = parseRef(ref);
    const t = parsed ? await this.deps.store.get(parsed.id) : null;
    if (!t || !parsed || t.kind !== parsed.kind) return fail('TICKET.NOT_FOUND', 'no such ticket', { ref });
    return ok(t);
  }

  private async retrying<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      try {
        return await run();
      } catch (e) {
        if (!(e instanceof LostRace)) throw e;
      }
    }
    return fail('TICKET.CONCURRENT_UPDATE', 'the ticket kept changing; try again');
  }

  private async insertNew(
    tx: TicketTx,
    draft: Ticket,
    drafts: TicketEventDraft[],
    action: string,
    moreHistory: (id: number) => HistoryRow[] = () => [],
  ): Promise<Ticket> {
    const id = await tx.insert(draft);
    const ticket = { ...draft, id };
    const changes = diffTicket({ ...ticket, status: null as unknown as TicketState }, ticket).filter((c) => c.to !== null);
    const head = drafts[0]!;
    await tx.appendHistory([{ ticketId: id, at: head.at, actor: head.actor, entryPoint: head.entryPoint, action, changes }, ...moreHistory(id)]);
    await tx.appendOutbox(drafts.map((d) => event(ticket, d)));
    return ticket;
  }

  private async linkInTx(tx: TicketTx, request: Ticket, incident: Ticket, actor: Actor, now: Date): Promise<Ticket> {
    const next: Ticket = { ...request, parent: incident.id, lastUpdate: now };
    if (!(await tx.update(next, request.version))) throw new LostRace();
    next.version = request.version + 1;
    const changes = [{ field: 'parent', from: request.parent === null ? null : String(request.parent), to: refOf(incident) }];
    await tx.appendHistory([{ ticketId: request.id, at: now, actor: actor.person, entryPoint: actor.entryPoint, action: 'link', changes }]);
    await tx.appendOutbox([
      event(next, {
        type: 'TicketLinked',
        actor: actor.person,
        entryPoint: actor.entryPoint,
        at: now,
        data: { incident: refOf(incident), incidentId: incident.id },
      }),
    ]);
    return next;
  }
}
