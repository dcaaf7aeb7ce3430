/**
 * The one delivery path of a ticket's card (docs/interfaces.md "Ticket card"): one card instance per ticket
 * (`outTrackId` = its ref), created and delivered to all of its first holders in one `createAndDeliver`, delivered
 * later to new holders (`addCardSpaces`), then one `PUT` (coalesced per card) with the public data and every
 * holder's private buttons. Each space is recorded as soon as DingTalk accepted it, before the caller's outbox
 * event is marked done; a retry after a crash in between creates again, and "already exists" counts as delivered.
 * Cards delivered per person before (`R-000012-u-<userId>`) keep being updated by their own ids.
 */
import type { Directory } from '../../domain/directory/directory';
import type { TicketCard } from '../../domain/ports/card-store.port';
import type { CardSpace, CardView } from '../../domain/ports/chat-gateway.port';
import type { Log } from '../../domain/ports/log.port';
import type { Locale } from '../../domain/shared/locale';
import { refOf, type Ticket } from '../../domain/tickets/ticket';
import { ticketCardId } from '../views/cards/card-ids';
import { renderTicketCard } from '../views/cards/render-ticket-card';
import type { TicketRelations } from '../views/cards/ticket-relations';
import { localeOf } from '../views/replies/catalogs';
import type { ChatLayerDeps } from '../chat-deps';
import { holdersOf, type CardRole } from './card-holders';
import { cardUpdatesFor, type CardRender } from './card-updates';
import { SYSTEM_ACTOR } from '../../domain/tickets/actor';
import { cardRelationsOf } from './ticket-relations-of';
import { privateLedgerFor } from './card-private-ledger';

/** A person who should hold the card (a direct-chat space). */
export interface WantedHolder {
  userId: string;
  role: CardRole;
}

export interface CardSyncResult {
  /** Holders who got the card as a new delivery now. */
  delivered: WantedHolder[];
  /** Holders it could not be delivered to (`retryable`: a later attempt may succeed). */
  failed: Array<WantedHolder & { retryable: boolean; code: string }>;
  /** A failure that may pass (throttled, network) of an update: the caller's event should be retried. */
  retry: unknown;
}

function isRetryable(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { retryable?: unknown }).retryable === true;
}

/**
 * One view for all holders of an instance: the public data in `publicLocale` (the caller's), each holder's private
 * buttons and notice in their own language.
 */
export function renderCardInstance(
  ticket: Ticket,
  dir: Directory,
  holders: readonly string[],
  publicLocale: Locale,
  defaultLocale: Locale,
  relations: TicketRelations,
  now?: Date,
): CardView {
  const byLocale = new Map<Locale, string[]>();
  for (const userId of holders) {
    const locale = localeOf(dir.personByUserId(userId), defaultLocale);
    byLocale.set(locale, [...(byLocale.get(locale) ?? []), userId]);
  }
  const view = renderTicketCard(ticket, dir, byLocale.get(publicLocale) ?? [], publicLocale, { relations, now });
  for (const [locale, users] of byLocale) {
    if (locale === publicLocale) continue;
    const other = renderTicketCard(ticket, dir, users, locale, { relations, now });
    Object.assign(view.privateActions, other.privateActions);
    if (other.privateNotice) view.privateNotice = { ...view.privateNotice, ...other.privateNotice };
  }
  return view;
}

/** The language of the instance's public data: the caller's. */
function publicLocaleOf(deps: ChatLayerDeps, dir: Directory, ticket: Ticket): Locale {
  return localeOf(dir.person(ticket.caller), deps.defaultLocale);
}

/**
 * Bring the ticket's card up to date: deliver it to the `wanted` people who hold no card of it yet, record them,
 * and update it for everyone (one `PUT` per instance); who got it as a new delivery is in the result (the
 * reaction tells the escalation reaction: their text notice of the event is replaced by the card). `touched`: holders
 * whose own private data changed with the event (a caller who joined or left the incident). Never throws for
 * DingTalk's answers: they are in the result. Reads only the rows of the wanted people, never every holder's: an
 * incident's update carries the private data of its new and touched holders only while the incident is unchanged
 * (`card-private-ledger.ts`, docs/interfaces.md "Ticket card").
 */
export async function syncTicketCard(
  deps: ChatLayerDeps,
  dir: Directory,
  ticket: Ticket,
  wanted: readonly WantedHolder[],
  log: Log,
  touched: readonly string[] = [],
): Promise<CardSyncResult> {
  const id = ticketCardId(refOf(ticket));
  const seen = new Set<string>();
  const distinct = wanted.filter((w) => !seen.has(w.userId) && seen.add(w.userId));
  const holdings = await deps.cards.holdingsOf(ticket.id, id, [...new Set([...distinct.map((w) => w.userId), ...touched])]);
  const held = new Set(holdings.held);
  const legacy = holdings.others;
  const fresh = distinct.filter((w) => !held.has(w.userId));
  const relationsOf = (t: Ticket, onlyCallers?: readonly string[]) => cardRelationsOf(deps, t, onlyCallers);
  const publicLocale = publicLocaleOf(deps, dir, ticket);
  const ledger = privateLedgerFor(deps.gateway);
  const result: CardSyncResult = { delivered: [], failed: [], retry: null };

  let created = false;
  if (fresh.length > 0) {
    const spaces: CardSpace[] = fresh.map((w) => ({ kind: 'dm', userId: w.userId }));
    const creating = !holdings.instance;
    // Rendered only to create the instance: a delivery to an existing one carries no card data (the PUT below does).
    const view = creating
      ? renderCardInstance(ticket, dir, fresh.map((w) => w.userId), publicLocale, deps.defaultLocale, await relationsOf(ticket), deps.clock.now())
      : null;
    // The caller's card (or the asker's) is their answer: it goes first when DingTalk's budget is short.
    const priority = fresh.some((w) => w.role === 'caller' || w.role === 'viewer' || w.role === 'joined') ? 'answer' : 'act';
    const report = view ? await deps.gateway.deliverCard(id, spaces, view, priority) : await deps.gateway.addCardSpaces(id, spaces, priority);
    const now = deps.clock.now();
    const delivered = fresh.filter((w) => report.delivered.includes(w.userId));
    // Recorded before the event is done: a crash after DingTalk accepted and before this repeats the delivery.
    await Promise.all(delivered.map((w) => deps.cards.addCard(cardOf(ticket, id, w, now))));
    result.delivered = delivered;
    for (const f of report.failed) {
      const w = fresh.find((x) => x.userId === f.userId);
      if (w) result.failed.push({ ...w, retryable: f.retryable, code: f.code });
    }
    if (result.failed.length > 0) log.warn('chat.card.not_delivered', { outTrackId: id, failed: result.failed.map((f) => ({ role: f.role, code: f.code })) });
    created = creating && delivered.length > 0;
    if (created && view) {
      cardUpdatesFor(deps.gateway, deps.cardUpdateGapMs).delivered(id, view);
      ledger.complete(id, basisOf(ticket), dir);
    }
  }

  // One PUT for everyone (a card just created carries every holder's data already), rendered when its turn comes
  // from what is current then: the ticket, its holders (those just delivered are recorded) and its relations, so
  // the changes of many events while a PUT is in flight cost one render and one PUT. An unchanged incident's PUT
  // carries the private data of the holders marked since the last one only; any other renders every holder.
  if (holdings.instance) {
    ledger.mark(id, [...result.delivered.map((w) => w.userId), ...touched.filter((u) => held.has(u))]);
    const render = async (): Promise<CardView> => {
      const found = await deps.tickets.get(SYSTEM_ACTOR, refOf(ticket));
      const current = found.ok ? found.value : ticket;
      const locale = publicLocaleOf(deps, dir, current);
      const partial = current.kind === 'incident' ? ledger.take(id, basisOf(current), dir) : null;
      if (partial) {
        const callers = partial.map((u) => dir.personByUserId(u)?.id).filter((p): p is string => !!p);
        const relations = await relationsOf(current, callers);
        return { ...renderCardInstance(current, dir, partial, locale, deps.defaultLocale, relations, deps.clock.now()), privatePartial: true };
      }
      const spaces = (await deps.cards.cardsOf(current.id)).filter((c) => c.outTrackId === id);
      const holders = [...new Set([...spaces.flatMap((c) => holdersOf(c.space, current, dir)), ...result.delivered.map((w) => w.userId)])];
      const view = renderCardInstance(current, dir, holders, locale, deps.defaultLocale, await relationsOf(current), deps.clock.now());
      if (current.kind === 'incident') ledger.complete(id, basisOf(current), dir);
      return view;
    };
    result.retry = await put(deps, id, render, log);
  } else if (!created && fresh.length === 0 && legacy.length === 0) {
    log.debug('chat.card.none_to_update', { outTrackId: id });
  }
  const relations = legacy.length > 0 ? await relationsOf(ticket) : {};
  for (const card of legacy) {
    const reader = card.space.kind === 'dm' ? dir.personByUserId(card.space.userId) : undefined;
    const view = renderTicketCard(ticket, dir, holdersOf(card.space, ticket, dir), localeOf(reader, deps.defaultLocale), { relations, now: deps.clock.now() });
    result.retry = (await put(deps, card.outTrackId, () => Promise.resolve(view), log)) ?? result.retry;
  }
  return result;
}

/** What every holder's private data of a card follows besides the holder: the ticket's state (its version). */
function basisOf(ticket: Ticket): string {
  return `${ticket.id}@${ticket.version}`;
}

/** One coalesced update; a failure that may pass is returned (to retry the event), others logged. */
async function put(deps: ChatLayerDeps, outTrackId: string, render: CardRender, log: Log): Promise<unknown> {
  try {
    await cardUpdatesFor(deps.gateway, deps.cardUpdateGapMs).updateWith(outTrackId, render);
    return null;
  } catch (e) {
    // What DingTalk has now is unknown: the card's next update renders every holder.
    privateLedgerFor(deps.gateway).failed(outTrackId);
    log.warn('chat.card.update_failed', { outTrackId, error: (e as Error).message });
    return isRetryable(e) ? e : null;
  }
}

function cardOf(ticket: Ticket, outTrackId: string, w: WantedHolder, createdAt: Date): TicketCard {
  return { ticketId: ticket.id, outTrackId, space: { kind: 'dm', userId: w.userId }, role: w.role, createdAt };
}
