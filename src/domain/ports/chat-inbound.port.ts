/**
 * What the chat receivers (Stream, HTTP robot mode, the emulator) hand to the chat application layer, after
 * parsing and acknowledging. Receivers only ingest and ack; routing lives in `src/bot`.
 */
import type { CardView } from './chat-gateway.port';
import type { IncomingFile } from '../attachments/attachment';

export interface IncomingChatMessage {
  /** DingTalk `msgId`: the dedupe key (one effect per id, ever). */
  msgId: string;
  /** DingTalk user id of the sender (`senderStaffId`). */
  senderUserId: string;
  senderNick: string;
  conversationType: 'dm' | 'group';
  conversationId: string;
  /** true when the robot was @-mentioned (always true in a DM). */
  mentioned: boolean;
  /** DingTalk user ids @-mentioned in the text (excluding the robot). */
  atUserIds: string[];
  /** null when the message had no text (other msgtype, or quota exhausted). */
  text: string | null;
  msgType: string;
  /** ms since epoch, from `createAt`. */
  createdAt: number;
  /** short-lived reply URL; never logged. */
  sessionWebhook: string | null;
  sessionWebhookExpiresAt: number | null;
  /**
   * The pictures, file, video or voice the message carries (`picture`, `richText`, `file`, `video`, `audio`); absent
   * or empty for text (and in frames stored before attachments existed).
   */
  files?: IncomingFile[];
  /** An `audio` message's speech recognition (`content.recognition`), or null. */
  recognition?: string | null;
}

export interface IncomingCardAction {
  /** DingTalk callback id / message id of the frame: the dedupe key. */
  callbackId: string;
  outTrackId: string;
  /** DingTalk user id of the clicker. */
  userId: string;
  /** Button params, already flattened: named params, `text` (one Input) and `form` fields merged. */
  params: Record<string, string>;
  /** Set when the click was a Form submission (`params.form`): its fields, flattened the same way. */
  form?: Record<string, string>;
  /** The raw `actionIds`, for logs only: route by `params.action`. */
  actionIds: string[];
}

/** The clicker's re-rendered card (their private view), or null to answer `{"response":null}`. */
export type CardActionAnswer = { card: CardView; forUserId: string } | null;

export interface ChatInboundHandler {
  onMessage(message: IncomingChatMessage): Promise<void>;
  onCardAction(action: IncomingCardAction): Promise<CardActionAnswer>;
}

/** DingTalk address-book events the staff sync handles (docs/domain.md §6.2). */
export const STAFF_EVENT_TYPES = ['user_add_org', 'user_modify_org', 'user_leave_org'] as const;
export type StaffEventType = (typeof STAFF_EVENT_TYPES)[number];

export interface StaffEvent {
  /** DingTalk `eventId`: the dedupe key (one effect per id, ever). */
  eventId: string;
  type: StaffEventType;
  /** DingTalk user ids the event is about. */
  userIds: string[];
  /** ms since epoch (`eventBornTime`, else when received). */
  at: number;
}

/** What the receivers hand the staff sync after storing the event. */
export interface StaffEventHandler {
  onStaffEvent(event: StaffEvent): Promise<void>;
}
