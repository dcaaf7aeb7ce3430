/**
 * Who is told about an event on a ticket (docs/domain.md §4), resolved at fire time from the directory:
 *
 * - each term of the row is tried in order; in a term `a | b` the first alternative that reaches anybody
 *   (an active person mapped to DingTalk) is used, the others are not;
 * - leads / contacts / members of team T are its members with that role (inactive ones are skipped and recorded);
 *   `service_team` is the team of the ticket's service, `assignee_team` the ticket's team; the upper lead is
 *   `Directory.upperLeads`; the top lead is the lead of the root organisation of the ticket's (caller's) org;
 * - a person is listed once per event (a later mention is recorded as `duplicate`; a skipped person is recorded
 *   once, with the first reason); the actor is left out unless the row says `notify_actor`; inactive and
 *   unmapped people are skipped with the reason;
 * - nobody is never the answer (docs/domain.md §4 "Lead fall-back"): when a row with terms reaches nobody for any
 *   reason but the actor's own action, the lead of the ticket's team is told instead (else the lead of its service's
 *   team, else the top lead), recorded with `via` = `fallback:<term>`;
 * - `part` splits an event across time (docs/domain.md §3.3): `without_assignee` keeps what the terms need no
 *   assignee for, `assignee_only` only `assignee` and `assignee_team.*` (judged by the alternative used).
 */
import type { Directory } from '../directory/directory';
import type { Person } from '../directory/directory.types';
import type { Locale } from '../shared/locale';
import type { Ticket } from '../tickets/ticket';
import type { EventCode } from './event-codes';
import { isAssigneeBased, type RecipientSelector, type RecipientTerm, type TeamRef } from './recipient-term';
import type { TriggerTable } from './trigger-table';

export type RecipientPart = 'all' | 'without_assignee' | 'assignee_only';

export interface ResolveOptions {
  /** Person id of whoever caused the event; null (or `system`) for thresholds. */
  actor: string | null;
  part?: RecipientPart;
}

export interface Recipient {
  personId: string;
  dingtalkUserId: string;
  locale: Locale | null;
  /** The person's IANA zone, null = the directory's. */
  timezone: string | null;
  /** The term (for `a | b`: the alternative) that named this person. */
  via: string;
}

export type SkipReason = 'inactive' | 'no_dingtalk_id' | 'unknown_person' | 'nobody' | 'actor' | 'duplicate';

export interface SkippedRecipient {
  /** null when the term named nobody (no assignee, no top lead, an empty team). */
  personId: string | null;
  term: string;
  reason: SkipReason;
}

export interface ResolvedRecipients {
  recipients: Recipient[];
  skipped: SkippedRecipient[];
}

function teamCodeOf(ref: TeamRef, ticket: Ticket, dir: Directory): string | null {
  switch (ref.kind) {
    case 'service_team':
      return dir.service(ticket.service)?.team ?? null;
    case 'assignee_team':
      return ticket.team || null;
    case 'team':
      return ref.code;
  }
}

/** Person ids a selector names, in directory order, before any reachability check. */
function select(sel: RecipientSelector, ticket: Ticket, dir: Directory): string[] {
  switch (sel.kind) {
    case 'caller':
      return [ticket.caller];
    case 'assignee':
      return ticket.agent ? [ticket.agent] : [];
    case 'person':
      return [sel.id];
    case 'top_lead': {
      const lead = dir.rootOrg(ticket.org)?.lead;
      return lead ? [lead] : [];
    }
    case 'team_role': {
      const code = teamCodeOf(sel.team, ticket, dir);
      const team = code ? dir.team(code) : undefined;
      if (!team || team.status !== 'active') return [];
      if (sel.role === 'upper_lead') return dir.upperLeads(team.code).map((p) => p.id);
      const role = sel.role === 'lead' ? 'lead' : sel.role === 'contacts' ? 'contact' : null;
      const ids = team.members.filter((m) => role === null || m.role === role).map((m) => m.person);
      return [...new Set(ids)];
    }
  }
}

const reachable = (p: Person | undefined): p is Person & { dingtalkUserId: string } =>
  !!p && p.status === 'active' && !!p.dingtalkUserId;

function unreachableReason(p: Person | undefined): SkipReason {
  if (!p) return 'unknown_person';
  return p.status !== 'active' ? 'inactive' : 'no_dingtalk_id';
}

/** The alternative of a term that is used, and the skips of the alternatives passed over. */
function chooseAlternative(
  term: RecipientTerm,
  ticket: Ticket,
  dir: Directory,
): { selector: RecipientSelector; ids: string[]; passedOver: SkippedRecipient[] } {
  const passedOver: SkippedRecipient[] = [];
  for (let i = 0; i < term.alternatives.length; i++) {
    const selector = term.alternatives[i]!;
    const ids = select(selector, ticket, dir);
    const last = i === term.alternatives.length - 1;
    if (last || ids.some((id) => reachable(dir.person(id)))) return { selector, ids, passedOver };
    for (const id of ids) passedOver.push({ personId: id, term: selector.text, reason: unreachableReason(dir.person(id)) });
  }
  throw new Error(`recipient term without alternatives: ${term.text}`);
}

function wanted(selector: RecipientSelector, part: RecipientPart): boolean {
  if (part === 'all') return true;
  return isAssigneeBased(selector) === (part === 'assignee_only');
}

export function resolveRecipients(
  table: TriggerTable,
  eventCode: EventCode,
  ticket: Ticket,
  dir: Directory,
  options: ResolveOptions,
): ResolvedRecipients {
  const row = table.rows[eventCode];
  const part = options.part ?? 'all';
  const recipients: Recipient[] = [];
  const skipped: SkippedRecipient[] = [];
  /** Everyone already listed or skipped for this event: listed again → `duplicate`; skipped again → once only. */
  const seen = new Map<string, 'listed' | 'skipped'>();
  const skip = (personId: string, term: string, reason: SkipReason) => {
    if (seen.has(personId)) return;
    seen.set(personId, 'skipped');
    skipped.push({ personId, term, reason });
  };

  let consideredAny = false;
  for (const term of row[ticket.kind]) {
    const { selector, ids, passedOver } = chooseAlternative(term, ticket, dir);
    if (!wanted(selector, part)) continue;
    consideredAny = true;
    for (const s of passedOver) skip(s.personId!, s.term, s.reason);
    if (ids.length === 0) {
      skipped.push({ personId: null, term: term.text, reason: 'nobody' });
      continue;
    }
    for (const id of ids) {
      const person = dir.person(id);
      if (seen.get(id) === 'listed') skipped.push({ personId: id, term: selector.text, reason: 'duplicate' });
      else if (!person) skip(id, selector.text, 'unknown_person');
      else if (!row.notifyActor && options.actor !== null && id === options.actor) skip(id, selector.text, 'actor');
      else if (!reachable(person)) skip(id, selector.text, unreachableReason(person));
      else if (!seen.has(id)) {
        seen.set(id, 'listed');
        recipients.push({
          personId: id,
          dingtalkUserId: person.dingtalkUserId,
          locale: person.locale,
          timezone: person.timezone,
          via: selector.text,
        });
      }
    }
  }
  const onlyActorOrTwice = skipped.every((s) => s.reason === 'actor' || s.reason === 'duplicate');
  if (consideredAny && recipients.length === 0 && !onlyActorOrTwice) {
    const lead = leadFallback(ticket, dir, row.notifyActor ? null : options.actor);
    if (lead) recipients.push(lead);
  }
  return { recipients, skipped };
}

const FALLBACK_TERMS: RecipientSelector[] = [
  { kind: 'team_role', team: { kind: 'assignee_team' }, role: 'lead', text: 'assignee_team.lead' },
  { kind: 'team_role', team: { kind: 'service_team' }, role: 'lead', text: 'service_team.lead' },
  { kind: 'top_lead', text: 'top_lead' },
];

/** The first reachable lead of the ticket's team, its service's team, else the top lead; never the actor. */
function leadFallback(ticket: Ticket, dir: Directory, actor: string | null): Recipient | null {
  for (const selector of FALLBACK_TERMS) {
    for (const id of select(selector, ticket, dir)) {
      const person = dir.person(id);
      if (id === actor || !reachable(person)) continue;
      return {
        personId: id,
        dingtalkUserId: person.dingtalkUserId,
        locale: person.locale,
        timezone: person.timezone,
        via: `fallback:${selector.text}`,
      };
    }
  }
  return null;
}
