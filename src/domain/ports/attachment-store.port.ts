/**
 * Attachments as stored with their tickets (docs/domain.md "Attachments"). Writing one goes through the ticket
 * transaction (`TicketTx.appendAttachment`, with its history row and outbox event); this port reads them, and keeps
 * who announced an attachment with `附件 R-…` (a wait, shared by every process through the database).
 */
import type { AttachmentInfo, NewAttachment } from '../attachments/attachment';

export interface AttachmentWait {
  userId: string;
  ticketId: number;
  until: Date;
}

export interface AttachmentStore {
  /** A ticket's attachments, oldest first, without their bytes. */
  list(ticketId: number): Promise<AttachmentInfo[]>;
  /** One attachment with its bytes, or null. */
  content(id: number): Promise<{ info: AttachmentInfo; content: Uint8Array } | null>;
  /** The attachments stored from chat message `msgId` (a replay finds them). */
  storedFrom(msgId: string): Promise<AttachmentInfo[]>;
  /** Remember that `userId`'s next picture or file until `until` goes to `ticketId` (replaces an earlier wait). */
  await(wait: AttachmentWait): Promise<void>;
  /** The wait of `userId` still open at `now`, or null. */
  waitOf(userId: string, now: Date): Promise<AttachmentWait | null>;
  /** The wait is used (or given up). */
  endWait(userId: string): Promise<void>;
  /**
   * Keep a message's file before its ticket exists (a voice message answered with the service picker): stored with
   * no ticket under `sourceMsg` (the picker's id) until the pick adopts it (`TicketTx.adoptAttachments`). Once only.
   */
  park(attachment: NewAttachment): Promise<void>;
}

/**
 * Thrown by `TicketTx.appendAttachment` when the same message's file is stored already (a replay, or another
 * process at the same moment): the transaction rolls back as a whole; nothing more is written.
 */
export class AttachmentAlreadyStored extends Error {
  constructor(readonly msgId: string) {
    super('this message file is stored already');
  }
}
