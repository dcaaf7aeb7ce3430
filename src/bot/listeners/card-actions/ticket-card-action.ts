/**
 * Clicks on a ticket card (`ticket.*`). The server re-checks everything (TicketService); the clicker is answered
 * with their re-rendered card: the buttons they may use now and a private line — "done", or why it was refused
 * and the ticket's current state (a stale card, a lost race: "X already claimed R-…"). Resolve and Close open the
 * clicker's Form first (`form-card-actions.ts`). Other holders' cards are updated afterwards by the outbox
 * reaction, never while answering the click.
 */
import type { Directory } from '../../../domain/directory/directory';
import type { CardActionAnswer, IncomingCardAction } from '../../../domain/ports/chat-inbound.port';
import type { Log } from '../../../domain/ports/log.port';
import { fail, type Result } from '../../../domain/shared/result';
import { refOf, type Ticket } from '../../../domain/tickets/ticket';
import { refOfCardId } from '../../views/cards/card-ids';
import { renderTicketCard } from '../../views/cards/render-ticket-card';
import { errorSentence } from '../../views/replies/error-sentence';
import { fill } from '../../views/replies/plain-text';
import type { Actor } from '../../../domain/tickets/actor';
import { holdersOf } from '../../support/card-holders';
import { CardActionParams } from './card-action-params';
import { SYSTEM_ACTOR } from '../../../domain/tickets/actor';
import type { ChatLayerDeps } from '../../chat-deps';
import { runCardAction, type FormStep } from './form-card-actions';
import { replyPrivately } from '../../support/reply';
import { readerOf } from '../../support/sender';
import type { TicketActionSpec } from './ticket-action-spec';
import { cardRelationsOf } from '../../support/ticket-relations-of';

/** Everybody the clicked card was delivered to (one instance, many spaces), and the clicker. */
async function holdersOfCard(deps: ChatLayerDeps, outTrackId: string, t: Ticket, dir: Directory, clicker: string): Promise<string[]> {
  const spaces = (await deps.cards.spacesOfCard(outTrackId)).filter((c) => c.ticketId === t.id);
  const holders = [...new Set(spaces.flatMap((c) => holdersOf(c.space, t, dir)))];
  return holders.includes(clicker) ? holders : [...holders, clicker];
}

/**
 * The ticket a successful run left behind, when its result carries it (most use cases return the saved ticket):
 * then the card is re-rendered from it without reading the ticket again.
 */
function ticketAfter(spec: TicketActionSpec, before: Ticket, result: Result<unknown>): Ticket | null {
  if (!result.ok) return null;
  const value = spec.ticketOf ? spec.ticketOf(result.value) : result.value;
  const t = value as Partial<Ticket> | null | undefined;
  return t && typeof t === 'object' && t.id === before.id && t.kind === before.kind && typeof t.status === 'string' ? (t as Ticket) : null;
}

/**
 * The listener of one ticket-card action id (`spec`; null: an id nobody registered, refused as unknown). Reads the
 * ticket at most twice: before, and after only when the result does not carry the saved ticket.
 */
export async function ticketCardAction(
  deps: ChatLayerDeps,
  action: IncomingCardAction,
  spec: TicketActionSpec | null,
  log: Log,
): Promise<CardActionAnswer> {
  const dir = await deps.directory.current();
  const reader = readerOf(dir, action.userId, deps.defaultLocale);
  const c = reader.catalog;
  const name = action.params.action ?? '';
  // The clicked card's own id names its ticket; the `ref` param (bound from the card) is the fallback.
  const ref = refOfCardId(action.outTrackId) ?? ((action.params.ref ?? '').trim() || null);
  if (!dir || !ref) {
    await replyPrivately(deps, action.userId, { title: c.reply.title, text: dir ? c.notice.unknownButton : c.reply.noDirectory }, log);
    return null;
  }
  const before = await deps.tickets.get(SYSTEM_ACTOR, ref);
  if (!before.ok) {
    await replyPrivately(deps, action.userId, { title: c.reply.title, text: errorSentence(before.error, c, dir) }, log);
    return null;
  }
  const tref = refOf(before.value);
  // Resolve and Close go through their Form (form-card-actions.ts); the answer opens or closes the clicker's Form.
  let step: FormStep;
  if (!spec) step = { result: fail('ACTION.UNKNOWN', 'unknown card action', { action: name }), form: null };
  else if (!reader.person) step = { result: fail('PERSON.UNKNOWN', 'no person is linked to this account', { person: null }), form: null };
  else {
    const actor: Actor = { person: reader.person.id, entryPoint: 'card' };
    const params = new CardActionParams(action.params, spec.input, action.form);
    step = await runCardAction(name, spec, { deps, actor, ref: tref, ticket: before.value, dir, catalog: c, log }, params);
  }
  const result: Result<unknown> = step.result;

  const carried = spec && step.opened === undefined ? ticketAfter(spec, before.value, result) : null;
  const after = carried ? null : await deps.tickets.get(SYSTEM_ACTOR, tref);
  const ticket = carried ?? (after?.ok ? after.value : before.value);
  let notice: string;
  if (step.opened !== undefined) {
    log.info('chat.card_action.form_opened', { action: name, ticketRef: tref });
    notice = step.opened;
  } else if (result.ok) {
    log.info('chat.card_action.done', { action: name, ticketRef: tref });
    const done = spec!.done;
    notice = typeof done === 'function' ? done(c, result.value, tref) : fill(c.notice.done[done], { ref: tref });
  } else {
    log.info('chat.card_action.refused', { action: name, ticketRef: tref, code: result.error.code });
    const reason = result.error.code === 'ACTION.UNKNOWN' ? c.notice.unknownButton : errorSentence(result.error, c, dir);
    notice = fill(c.notice.refused, { reason, ref: tref, status: c.state[ticket.status] });
    // A lost race: the winner's card update, arriving at the same moment, clears the private line on the card, so the
    // loser is also told by a message of its own ("X already claimed R-…"; docs/interfaces.md "Ticket card").
    if (result.error.code === 'TICKET.ALREADY_ASSIGNED') await replyPrivately(deps, action.userId, { title: tref, text: notice }, log);
  }
  const holders = await holdersOfCard(deps, action.outTrackId, ticket, dir, action.userId);
  const relations = await cardRelationsOf(deps, ticket);
  const view = renderTicketCard(ticket, dir, holders, reader.locale, { notices: { [action.userId]: notice }, relations, now: deps.clock.now() });
  view.privateForm = { [action.userId]: step.form };
  return { card: view, forUserId: action.userId };
}
