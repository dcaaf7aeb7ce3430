/**
 * Where each ticket's card was delivered: one card instance per ticket (`outTrackId` = the ref, stable) and one
 * row per space it was delivered to, so every change updates it in place with one `PUT` (cards delivered per
 * person before keep their own ids, one space each); and the intake drafts a picker card keeps until a pick.
 */
import type { CardSpace } from './chat-gateway.port';

/** One space a ticket's card instance was delivered to. */
export interface TicketCard {
  ticketId: number;
  outTrackId: string;
  space: CardSpace;
  /** Why this target holds the card: `caller`, `contact`, `escalation`, `agent`, `group`, … */
  role: string;
  createdAt: Date;
}

export interface IntakeDraft {
  /** The picker card's outTrackId. */
  id: string;
  personId: string;
  /** DingTalk user id and conversation the text came from (to answer there). */
  userId: string;
  conversationId: string;
  conversationType: 'dm' | 'group';
  text: string;
  createdAt: Date;
  /** Set when a pick filed the request: the ticket id (a second pick answers "already filed as …"). */
  ticketId: number | null;
}

export interface CardStore {
  /** Remember a space a card was delivered to; the same (outTrackId, space) again is a no-op. */
  addCard(card: TicketCard): Promise<void>;
  /** Every space of every card of the ticket, oldest first. */
  cardsOf(ticketId: number): Promise<TicketCard[]>;
  /**
   * What a change of the card needs to know without reading every holder (a storm's incident has thousands): whether
   * instance `outTrackId` of the ticket was delivered anywhere, the ticket's other cards (delivered per person before),
   * and which of `userIds` hold a card of the ticket already (their direct-chat spaces).
   */
  holdingsOf(ticketId: number, outTrackId: string, userIds: readonly string[]): Promise<{ instance: boolean; others: TicketCard[]; held: string[] }>;
  /** The spaces card `outTrackId` was delivered to (none: not a ticket card the bot recorded). */
  spacesOfCard(outTrackId: string): Promise<TicketCard[]>;
  saveDraft(draft: IntakeDraft): Promise<void>;
  draft(id: string): Promise<IntakeDraft | null>;
  /** Mark a draft used by ticket `ticketId`; false when another pick was first. */
  useDraft(id: string, ticketId: number): Promise<boolean>;
}
