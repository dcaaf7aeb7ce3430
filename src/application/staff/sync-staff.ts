/**
 * The staff sync use case (docs/domain.md §6.2), shared by the DingTalk address-book events and `people:sync`: the
 * desired people entries are written in one transaction; each person who leaves becomes inactive, their assigned
 * open tickets go back to their team's queue (lifecycle `unassign` by `system`, TTO re-armed), and the leads are
 * told once per event: the lead of each such ticket's team, and the lead of the service's team of each open ticket
 * they filed. Idempotent: an entry already stored as desired changes nothing, and the notices are keyed by event.
 */
import type { Directory } from '../../domain/directory/directory';
import type { Person } from '../../domain/directory/directory.types';
import type { Clock } from '../../domain/ports/clock.port';
import type { DirectoryStore } from '../../domain/ports/directory-store.port';
import type { NoticeDraft } from '../../domain/ports/notice-store.port';
import type { StaffSource, StaffStore, StaffTx } from '../../domain/ports/staff-store.port';
import type { Locale } from '../../domain/shared/locale';
import { staffChange, type StaffChange } from '../../domain/staff/staff-change';
import { systemActor } from '../../domain/tickets/actor';
import { decide } from '../../domain/tickets/lifecycle';
import { OPEN_STATES, refOf, type Ticket, type TicketState } from '../../domain/tickets/ticket';
import type { CounterFactory } from '../tickets/ticket-context';
import { applyDecision } from '../unit-of-work/apply-decision';
import { UnitOfWork } from '../unit-of-work/unit-of-work';

/** What one lead is told about the people who left in one event. */
export interface StaffLeftNotice {
  /** `name (id)` of each person who left. */
  people: string[];
  /** Refs handed back to the lead's team queue. */
  returned: string[];
  /** Open refs filed by the people who left (they stay open). */
  filed: string[];
}

/** The words of the lead's notice, in the lead's language (the chat layer's catalogs). */
export type StaffNoticeWords = (locale: Locale, notice: StaffLeftNotice) => { title: string; body: string };

export interface StaffSyncDeps {
  store: StaffStore;
  directory: DirectoryStore;
  clock: Clock;
  counters: CounterFactory;
  words: StaffNoticeWords;
  defaultLocale: Locale;
}

export interface StaffSyncResult {
  changes: StaffChange[];
  /** Refs put back in their team's queue. */
  returned: string[];
  /** Person ids of the leads told. */
  told: string[];
}

/** A desired entry, or "this person left" (their stored entry, read in the transaction, made inactive). */
export type StaffTarget = Person | { deactivate: string };

/** States whose agent is handed back (`new`/`escalated_tto` have none). */
const WITH_AGENT: TicketState[] = ['assigned', 'escalated_ttr', 'pending'];

/** The changes the desired entries make against the stored ones (for a diff printed before applying). */
export async function planStaffChanges(deps: Pick<StaffSyncDeps, 'store'>, desired: Person[]): Promise<StaffChange[]> {
  return deps.store.transaction(async (tx) => {
    const out: StaffChange[] = [];
    for (const p of desired) {
      const change = staffChange(await tx.person(p.id), p);
      if (change) out.push(change);
    }
    return out;
  });
}

/**
 * Write `desired` (one transaction, retried on a lost race). `eventKey` names the cause once (`dingtalk:<eventId>`,
 * `hr:<file hash>`): the leads' notices are keyed by it.
 */
export async function syncStaff(deps: StaffSyncDeps, desired: StaffTarget[], options: { eventKey: string; source: StaffSource }): Promise<StaffSyncResult> {
  const dir = await deps.directory.current();
  if (!dir) throw new Error('no directory is stored yet: import one first');
  const uow = new UnitOfWork(deps.store);
  const run = await uow.attempt(() => uow.transaction((tx) => syncInTx(deps, tx, dir, desired, options)));
  if (!run.won) throw run.lost;
  return run.value;
}

async function syncInTx(deps: StaffSyncDeps, tx: StaffTx, dir: Directory, desired: StaffTarget[], options: { eventKey: string; source: StaffSource }): Promise<StaffSyncResult> {
  const now = deps.clock.now();
  const changes: StaffChange[] = [];
  for (const target of desired) {
    const before = await tx.person('deactivate' in target ? target.deactivate : target.id);
    const after = 'deactivate' in target ? (before ? { ...before, status: 'inactive' as const } : null) : target;
    const change = after ? staffChange(before, after) : null;
    if (change) changes.push(change);
  }
  await tx.savePeople(changes.map((c) => c.after), now);
  for (const c of changes) {
    if (c.kind === 'deactivated') await tx.markDeactivated(c.before!, options.source, now);
    else if (c.after.status === 'active') await tx.clearMark(c.after.id);
  }
  const leaving = changes.filter((c) => c.kind === 'deactivated').map((c) => c.after);
  const gone = new Set(leaving.map((p) => p.id));
  const perLead = new Map<string, { lead: Person; notice: StaffLeftNotice; ticket: Ticket }>();
  const tell = (team: string | undefined, person: Person, t: Ticket, list: 'returned' | 'filed') => {
    for (const lead of team ? dir.teamRole(team, 'lead') : []) {
      if (gone.has(lead.id)) continue;
      const entry = perLead.get(lead.id) ?? { lead, notice: { people: [], returned: [], filed: [] }, ticket: t };
      perLead.set(lead.id, entry);
      const who = `${person.name} (${person.id})`;
      if (!entry.notice.people.includes(who)) entry.notice.people.push(who);
      if (!entry.notice[list].includes(refOf(t))) entry.notice[list].push(refOf(t));
    }
  };
  const returned: string[] = [];
  const counter = deps.counters(dir);
  const actor = systemActor('system');
  for (const person of leaving) {
    for (const t of await tx.list({ agent: person.id, states: WITH_AGENT })) {
      const d = decide(t, { type: 'unassign' }, { dir, actor: actor.person, entryPoint: actor.entryPoint, now, counter });
      if (!d.ok) continue;
      await applyDecision(tx, t, d.value, 'unassign', actor);
      returned.push(refOf(t));
      tell(t.team, person, t, 'returned');
    }
    for (const t of await tx.list({ caller: person.id, states: [...OPEN_STATES] })) {
      tell(dir.service(t.service)?.team ?? t.team, person, t, 'filed');
    }
  }
  const notices = [...perLead.values()].map(({ lead, notice, ticket }): NoticeDraft => {
    const locale = lead.locale ?? deps.defaultLocale;
    const words = deps.words(locale, notice);
    return {
      eventKey: `staff:${options.eventKey}`.slice(0, 96),
      ticketId: ticket.id,
      ref: refOf(ticket),
      eventCode: 'staff_left',
      personId: lead.id,
      userId: lead.dingtalkUserId,
      locale,
      via: 'team.lead',
      status: lead.dingtalkUserId ? 'pending' : 'skipped',
      reason: lead.dingtalkUserId ? null : 'no DingTalk account',
      title: words.title,
      body: words.body,
      createdAt: now,
    };
  });
  await tx.addNotices(notices);
  return { changes, returned, told: notices.filter((n) => n.status === 'pending').map((n) => n.personId) };
}
