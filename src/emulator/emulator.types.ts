import { type Log } from '../domain/ports/log.port';

/** A person the emulator knows (the demo directory's people with a DingTalk user id). */
export interface EmulatorPerson {
  personId: string;
  name: string;
  dingtalkUserId: string;
  /** Their DingTalk departments (`topapi/v2/user/get` `dept_id_list`); default `[1]` (the root). */
  deptIds?: number[];
  /** Left the company (`user_leave_org`): DingTalk no longer knows them. */
  left?: boolean;
  /** The language the page speaks to this person in (their DingTalk client's); default zh-CN. */
  locale?: 'zh-CN' | 'en';
}

/** An address-book event the emulator fires (docs/dingtalk-emulator.md). */
export interface AddressBookEventInput {
  eventType: 'user_add_org' | 'user_modify_org' | 'user_leave_org';
  userIds: string[];
  /** `user_add_org`/`user_modify_org`: the person's name and department in the emulator's address book. */
  name?: string;
  deptId?: number;
  /** The legacy HTTP-callback body (`UserId`, `EventType`) instead of the Stream one (`userId`). */
  legacyBody?: boolean;
}

export interface EmulatorGroupInput {
  /** The group's openConversationId; generated from the title when absent. */
  conversationId?: string;
  title: string;
  /** DingTalk user ids; default: everyone. */
  memberUserIds?: string[];
}

export interface DingTalkEmulatorOptions {
  /** Default: generated per emulator (read them with `credentials()`). */
  clientId?: string;
  /** Default: generated per emulator (32 random bytes). */
  clientSecret?: string;
  /** Default: the client id. */
  robotCode?: string;
  botName?: string;
  corpId?: string;
  people?: EmulatorPerson[];
  /** Default: one group "Demo group" with everyone. */
  groups?: EmulatorGroupInput[];
  /** How clients reach the emulator (WebSocket endpoint, sessionWebhook); default: from the request or server. */
  baseUrl?: string;
  /** Gateway ticket validity (DingTalk: 90 s). */
  ticketTtlMs?: number;
  /** Access token lifetime in seconds (DingTalk: 7200). */
  tokenTtlSeconds?: number;
  /** After a SYSTEM disconnect, the socket is closed this much later (DingTalk: ~10 s). */
  disconnectCloseAfterMs?: number;
  /** DingTalk waits ~2 s for a card callback ACK. */
  cardCallbackTimeoutMs?: number;
  /** Keep frames while no client is connected and push them on the next connection (emulator convenience). */
  holdFramesWhileOffline?: boolean;
  /** Template variables marked private (private value replaces public when non-empty). */
  privateCardKeys?: string[];
  /** Answer QpsLimit errors above this many calls per second per API (0 = off). */
  apiQpsLimit?: number;
  /** sessionWebhook validity (DingTalk: ~90 min). */
  sessionWebhookTtlMs?: number;
  /** Items kept per history list (the oldest are dropped in chunks: up to a tenth more are held meanwhile). */
  maxHistory?: number;
  /** SYSTEM ping frame interval (0 = off; DingTalk's interval is undocumented). */
  systemPingIntervalMs?: number;
  now?: () => number;
  logger?: Log;
}

export type ResolvedEmulatorOptions = Required<Omit<DingTalkEmulatorOptions, 'baseUrl' | 'logger' | 'robotCode'>> & {
  robotCode: string;
  baseUrl?: string;
  logger: Log;
};

export interface EmulatorGroup {
  conversationId: string;
  title: string;
  memberUserIds: string[];
}

/** One line in a conversation (DM between the bot and a person, or a group). */
export interface TimelineEntry {
  id: string;
  seq: number;
  at: number;
  conversationId: string;
  /** Sender: a person's user id, or null for the bot. */
  fromUserId: string | null;
  kind: 'text' | 'markdown' | 'card' | 'other';
  text?: string;
  title?: string;
  outTrackId?: string;
  via: 'person' | 'batchSend' | 'groupSend' | 'sessionWebhook' | 'card';
  /** Persons @-mentioned (group replies). */
  atUserIds?: string[];
}

export interface CardSpaceRecord {
  type: 'IM_GROUP' | 'IM_ROBOT';
  id: string;
  /** When the card reached this space (createAndDeliver or deliver); benchmarks measure delivery latency with it. */
  deliveredAt?: number;
}

export interface CardRecord {
  outTrackId: string;
  cardTemplateId: string;
  callbackType: string;
  publicData: Record<string, string>;
  privateData: Record<string, Record<string, string>>;
  spaces: CardSpaceRecord[];
  createdAt: number;
  updatedAt: number;
  /**
   * create, PUT updates and callback answers, in order; a create or PUT keeps the public params it sent (`params`),
   * so a benchmark can tell when a value first reached the card (the escalation digest's refs).
   */
  history: Array<{ at: number; source: 'create' | 'put' | 'callback' | 'deliver' | 'streaming'; userId?: string; params?: Record<string, string> }>;
}

export interface ApiCallRecord {
  at: number;
  api: string;
  status: number;
  /** DingTalk error code when the answer was an error. */
  code?: string;
}

export interface RegistrationRecord {
  at: number;
  clientId: string;
  ok: boolean;
  status: number;
  subscriptions: Array<{ type: string; topic: string }>;
}

export interface AckRecord {
  at: number;
  connectionId: string;
  code: number;
  message: string;
  /** Parsed `data` of the ACK (`{response: …}` for callbacks). */
  data: unknown;
}

export interface FrameRecord {
  messageId: string;
  topic: string;
  type: 'CALLBACK' | 'EVENT' | 'SYSTEM';
  frame: StreamFrame;
  /** Connection ids it was pushed to (several after redelivery); empty while held offline. */
  pushedTo: string[];
  acks: AckRecord[];
  createdAt: number;
}

export interface StreamFrame {
  specVersion: '1.0';
  type: 'CALLBACK' | 'EVENT' | 'SYSTEM';
  headers: Record<string, string>;
  data: string;
}

export interface ConnectionInfo {
  id: string;
  clientId: string;
  openedAt: number;
  closedAt: number | null;
  goingAway: boolean;
  subscriptions: Array<{ type: string; topic: string }>;
}

export interface SendRobotMessageInput {
  fromUserId: string;
  /** A group's conversationId; omitted = the sender's DM with the bot. */
  conversationId?: string;
  text?: string;
  /** Default `text`. Other types carry no `text` (the handler sees text = null). */
  msgtype?: string;
  /** Quota-exhausted shape: msgtype text but no `text` field (docs/dingtalk.md §1.8). */
  omitText?: boolean;
  /** Other people @-mentioned in a group. */
  atUserIds?: string[];
  /** `picture`, `richText`, `file`, `video`, `audio`: what the message carries (emulator-files.ts). */
  file?: SentFile;
}

export interface SentRobotMessage {
  msgId: string;
  /** The Stream frame's messageId (ACKs are keyed by it). */
  messageId: string;
  /** false while held for an offline client. */
  pushed: boolean;
}

export interface ClickCardInput {
  outTrackId: string;
  userId: string;
  /** The callback params (the template sends `action`, `ref`, `text`, `params`…). */
  params: Record<string, unknown>;
  actionIds?: string[];
}

export interface ClickResult {
  messageId: string;
  /** The ACK, if it came within the card callback timeout. */
  ack: AckRecord | undefined;
  /** true when the ACK carried a card update that was applied. */
  applied: boolean;
}

/** What a person's non-text message carries, before it becomes the payload's `content`. */
export interface SentFile {
  bytes: Buffer;
  contentType: string;
  /** A `file` message's name (others have none in DingTalk's payload). */
  name?: string;
  /** An `audio` message's speech recognition text. */
  recognition?: string;
  /** Voice and video length in ms. */
  durationMs?: number;
  /** A `richText`'s words, sent before the picture. */
  text?: string;
}
