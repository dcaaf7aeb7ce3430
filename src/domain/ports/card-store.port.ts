/**
 * Where each ticket's cards were delivered (one card per ticket and delivery target, `outTrackId` stable), so
 * every change updates them in place; and the intake drafts a picker card keeps server-side until a pick.
 */
import type { CardSpace } from './chat-gateway.port';

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
  /** Remember a delivered card; the same outTrackId again is a no-op. */
  addCard(card: TicketCard): Promise<void>;
  cardsOf(ticketId: number): Promise<TicketCard[]>;
  cardByOutTrackId(outTrackId: string): Promise<TicketCard | null>;
  saveDraft(draft: IntakeDraft): Promise<void>;
  draft(id: string): Promise<IntakeDraft | null>;
  /** Mark a draft used by ticket `ticketId`; false when another pick was first. */
  useDraft(id: string, ticketId: number): Promise<boolean>;
}
