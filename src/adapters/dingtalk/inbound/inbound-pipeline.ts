import type {
  CardActionAnswer,
  ChatInboundHandler,
  IncomingCardAction,
  IncomingChatMessage,
  StaffEvent,
  StaffEventHandler,
} from '../../../domain/ports/chat-inbound.port';
import { parseAddressBookEvent } from './address-book-event.parser';
import type { InboxEntry, InboxStore } from '../../../domain/ports/inbox.port';
import { toCallbackResponse, type CardCallbackResponse } from '../cards/card-params';
import { silentLog, type Log } from '../../../domain/ports/log.port';
import { errorMessage } from '../../logging/error-message';
import { parseCardCallback } from './card-callback.parser';
import { parseRobotMessage } from './robot-message.parser';

/**
 * The ingest path shared by every receiver (Stream, HTTP robot mode): parse → store in the inbox (the dedupe key is
 * the message id) → the receiver acknowledges → process. Malformed payloads are logged and dropped (still
 * acknowledged by the receiver). Processing never throws: failures are logged and recorded in the inbox for the
 * sweep (`replay`).
 *
 * With a spool: when the inbox cannot be written the frame is appended (fsynced) to the local spool and
 * acknowledged (`spooled`); `takeSpooled` (the spool drainer) later stores it in the inbox and processes it. While
 * this process's spool holds frames, new ones are spooled behind them, so they reach the inbox in arrival order.
 *
 * Bounded overload: at most `maxInFlight` messages are processed at once; beyond it a message is still stored and
 * acknowledged, waits in a local FIFO (beyond `maxQueued` it stays pending in the inbox for the sweep), and its
 * sender is told once a minute through `onQueued`.
 */
export interface InboundPipelineOptions {
  inbox: InboxStore;
  handler: ChatInboundHandler;
  logger?: Log;
  now?: () => Date;
  /** How long a card click may wait for the handler before it is answered `{"response":null}` (default 1000). */
  cardAnswerTimeoutMs?: number;
  /** Called with an answer that came too late for the ACK (or from a replay): update the card by PUT. */
  onLateCardAnswer?: (outTrackId: string, answer: NonNullable<CardActionAnswer>) => Promise<void>;
  /** Where frames go when the inbox cannot be written (none: the receiver answers with an error). */
  spool?: FrameSpool;
  /** Messages processed at once by this process (default `DEFAULT_MAX_IN_FLIGHT`). */
  maxInFlight?: number;
  /** Messages waiting locally beyond that (default 10 × maxInFlight); more stay pending for the inbox sweep. */
  maxQueued?: number;
  /** Told when a message has to wait (at most once a minute per sender): "received, in the queue". */
  onQueued?: (message: IncomingChatMessage) => Promise<void>;
  /** Longest text kept from a message (the chat layer refuses longer ones; one more character says "too long"). */
  maxTextChars?: number;
  /** The staff sync (address-book EVENT frames); unset: those events are acknowledged and dropped. */
  staff?: StaffEventHandler;
}

/** The spool as the pipeline sees it (`FileSpool`). */
export interface FrameSpool {
  /** Durable when it returns; throws when the frame cannot be spooled. */
  append(frame: InboxPut): void;
  hasOwnFrames(): boolean;
}

type InboxPut = Parameters<InboxStore['put']>[0];

/**
 * Reasoned, not measured: processing a message is mostly waiting on the database and DingTalk (a few queries and
 * one or two API calls, paced by the QPS limiter), so a few dozen at once keep a core busy without piling up
 * latency. Confirm with `npm run bench:intake` on the production hardware.
 */
export const DEFAULT_MAX_IN_FLIGHT = 64;
const QUEUED_NOTICE_EVERY_MS = 60_000;

export type MessageAcceptance =
  | { status: 'accepted'; id: string; process: () => Promise<void> }
  | { status: 'duplicate'; id: string }
  | { status: 'dropped'; reason: string }
  | { status: 'spooled'; id: string }
  | { status: 'store-failed'; id: string };

export type StaffEventAcceptance =
  | { status: 'accepted'; id: string; process: () => Promise<void> }
  | { status: 'duplicate'; id: string }
  | { status: 'ignored'; reason: string }
  | { status: 'dropped'; reason: string }
  | { status: 'store-failed'; id: string };

export type CardAcceptance =
  | { status: 'accepted'; id: string; answer: () => Promise<CardCallbackResponse | null> }
  | { status: 'duplicate'; id: string }
  | { status: 'dropped'; reason: string }
  | { status: 'spooled'; id: string }
  | { status: 'store-failed'; id: string };

const TIMED_OUT = Symbol('timed-out');
const UNREADABLE = Symbol('unreadable');

export class InboundPipeline {
  private readonly logger: Log;
  private readonly now: () => Date;
  private readonly cardAnswerTimeoutMs: number;
  private readonly maxInFlight: number;
  private readonly maxQueued: number;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly lastQueuedNotice = new Map<string, number>();

  constructor(private readonly options: InboundPipelineOptions) {
    this.logger = options.logger ?? silentLog;
    this.now = options.now ?? (() => new Date());
    this.cardAnswerTimeoutMs = options.cardAnswerTimeoutMs ?? 1000;
    this.maxInFlight = Math.max(1, options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
    this.maxQueued = options.maxQueued ?? 10 * this.maxInFlight;
  }

  /** Messages being processed now (card clicks are not limited), those waiting for a slot, and the limit. */
  intake(): { inFlight: number; queued: number; maxInFlight: number } {
    return { inFlight: this.running, queued: this.waiting.length, maxInFlight: this.maxInFlight };
  }

  /** Parse and store a robot message. `deliveryId` = the Stream frame's messageId (fallback dedupe key). */
  async acceptMessage(raw: unknown, deliveryId: string | undefined, transport: string): Promise<MessageAcceptance> {
    const parsed = parseRobotMessage(raw, this.now().getTime(), deliveryId, this.options.maxTextChars);
    if (!parsed.ok) {
      this.logger.warn('dingtalk.inbound.message_dropped', { transport, deliveryId, reason: parsed.error });
      return { status: 'dropped', reason: parsed.error };
    }
    const message = parsed.value;
    const log = this.logger.child({ eventId: message.msgId });
    if (message.text === null) {
      log.info('dingtalk.inbound.message_without_text', { transport, msgType: message.msgType });
    }
    const stored = await this.store(message.msgId, 'message', JSON.stringify(message), log);
    if (stored !== 'new') return { status: stored, id: message.msgId };
    log.debug('dingtalk.inbound.message_accepted', { transport, conversationType: message.conversationType, msgType: message.msgType });
    return { status: 'accepted', id: message.msgId, process: () => this.admitMessage(message, log) };
  }

  /** Parse and store a card click; `answer()` runs the handler within the deadline and builds the ACK response. */
  async acceptCardAction(raw: unknown, callbackId: string, transport: string): Promise<CardAcceptance> {
    const parsed = parseCardCallback(raw, callbackId);
    if (!parsed.ok) {
      this.logger.warn('dingtalk.inbound.card_dropped', { transport, deliveryId: callbackId, reason: parsed.error });
      return { status: 'dropped', reason: parsed.error };
    }
    const action = parsed.value;
    const log = this.logger.child({ eventId: callbackId, outTrackId: action.outTrackId });
    const stored = await this.store(callbackId, 'card', JSON.stringify(action), log);
    if (stored !== 'new') return { status: stored, id: callbackId };
    return { status: 'accepted', id: callbackId, answer: () => this.answerCard(action, log) };
  }

  /**
   * Parse and store an address-book EVENT frame (docs/domain.md §6.2) under its `eventId`; the receiver then answers
   * `SUCCESS` (`LATER` when it could not be stored: DingTalk pushes events again) and runs `process()`. Not spooled:
   * DingTalk redelivers an event that was not acknowledged.
   */
  async acceptStaffEvent(headers: Record<string, unknown> | undefined, data: unknown, transport: string): Promise<StaffEventAcceptance> {
    const parsed = parseAddressBookEvent(headers, data, this.now().getTime());
    if (!parsed.ok) {
      if (parsed.ignored) return { status: 'ignored', reason: parsed.error };
      this.logger.warn('dingtalk.inbound.staff_event_dropped', { transport, eventId: headers?.eventId, reason: parsed.error });
      return { status: 'dropped', reason: parsed.error };
    }
    const event = parsed.value;
    const log = this.logger.child({ eventId: event.eventId, eventType: event.type });
    if (!this.options.staff) {
      log.warn('dingtalk.inbound.staff_event_unhandled');
      return { status: 'ignored', reason: 'no staff sync configured' };
    }
    try {
      const isNew = await this.options.inbox.put({ id: event.eventId, kind: 'staff', payload: JSON.stringify(event), receivedAt: this.now() });
      if (!isNew) {
        log.info('dingtalk.inbound.duplicate_dropped', { kind: 'staff' });
        return { status: 'duplicate', id: event.eventId };
      }
    } catch (err) {
      log.error('dingtalk.inbound.inbox_unavailable', { kind: 'staff', error: errorMessage(err) });
      return { status: 'store-failed', id: event.eventId };
    }
    return { status: 'accepted', id: event.eventId, process: () => this.processStaff(event, log) };
  }

  private async processStaff(event: StaffEvent, log: Log): Promise<void> {
    try {
      await this.options.staff!.onStaffEvent(event);
      await this.safe(() => this.options.inbox.markDone(event.eventId, this.now(), 'ok'), log);
    } catch (err) {
      log.error('dingtalk.inbound.handler_failed', { kind: 'staff', error: errorMessage(err) });
      await this.safe(() => this.options.inbox.markFailed(event.eventId, this.now(), errorMessage(err)), log);
    }
  }

  /**
   * A spooled frame, in spool order (the spool drainer): store it in the inbox — throws while the inbox is still
   * unavailable, so the drain stops and keeps the frame — and, when it is new, process it like a fresh frame (not
   * awaited; a card's answer updates the card). A duplicate id was already stored: nothing more happens.
   */
  async takeSpooled(frame: InboxPut): Promise<'new' | 'duplicate'> {
    const log = this.logger.child({ eventId: frame.id, spooled: true });
    if (!(await this.options.inbox.put(frame))) {
      log.info('dingtalk.inbound.duplicate_dropped', { kind: frame.kind });
      return 'duplicate';
    }
    const payload = await this.payloadOf(frame, log);
    if (payload === UNREADABLE) return 'new';
    if (frame.kind === 'staff') void (this.options.staff ? this.processStaff(payload as StaffEvent, log) : undefined);
    else if (frame.kind === 'message') void this.admitMessage(payload as IncomingChatMessage, log);
    else void this.runLateCard(payload as IncomingCardAction, log);
    return 'new';
  }

  /** Run a stored, unprocessed entry again (start-up pick-up and the inbox sweep). */
  async replay(entry: InboxEntry): Promise<void> {
    const log = this.logger.child({ eventId: entry.id, replay: true });
    const payload = await this.payloadOf(entry, log);
    if (payload === UNREADABLE) return;
    if (entry.kind === 'staff') {
      if (this.options.staff) await this.processStaff(payload as StaffEvent, log);
      else log.warn('dingtalk.inbound.staff_event_unhandled');
      return;
    }
    if (entry.kind === 'message') {
      await this.processMessage(payload as IncomingChatMessage, log);
      return;
    }
    await this.runLateCard(payload as IncomingCardAction, log);
  }

  private async runLateCard(action: IncomingCardAction, log: Log): Promise<void> {
    const answer = await this.runCard(action, log);
    if (answer && answer !== 'failed') await this.deliverLate(action, answer, log);
  }

  /** A stored frame's payload; an unreadable one is recorded as failed (the sweep gives it up in the end). */
  private async payloadOf(frame: { id: string; payload: string }, log: Log): Promise<unknown> {
    try {
      return JSON.parse(frame.payload) as unknown;
    } catch {
      log.error('dingtalk.inbound.replay_unreadable');
      await this.safe(() => this.options.inbox.markFailed(frame.id, this.now(), 'unreadable payload'), log);
      return UNREADABLE;
    }
  }

  private async store(id: string, kind: 'message' | 'card', payload: string, log: Log): Promise<'new' | 'duplicate' | 'spooled' | 'store-failed'> {
    const entry = { id, kind, payload, receivedAt: this.now() };
    const spool = this.options.spool;
    if (spool?.hasOwnFrames()) return this.spoolFrame(spool, entry, log);
    try {
      const isNew = await this.options.inbox.put(entry);
      if (!isNew) log.info('dingtalk.inbound.duplicate_dropped', { kind });
      return isNew ? 'new' : 'duplicate';
    } catch (err) {
      log.error('dingtalk.inbound.inbox_unavailable', { kind, error: errorMessage(err) });
      return spool ? this.spoolFrame(spool, entry, log) : 'store-failed';
    }
  }

  private spoolFrame(spool: FrameSpool, entry: InboxPut, log: Log): 'spooled' | 'store-failed' {
    try {
      spool.append(entry);
      log.warn('dingtalk.inbound.spooled', { kind: entry.kind });
      return 'spooled';
    } catch (err) {
      log.error('dingtalk.inbound.spool_failed', { kind: entry.kind, error: errorMessage(err) });
      return 'store-failed';
    }
  }

  /** Process now if a slot is free; else wait in the local FIFO (or, when that is full, for the inbox sweep). */
  private admitMessage(message: IncomingChatMessage, log: Log): Promise<void> {
    if (this.running < this.maxInFlight) return this.inSlot(() => this.processMessage(message, log));
    if (this.waiting.length >= this.maxQueued) {
      log.warn('dingtalk.inbound.left_for_sweep', { queued: this.waiting.length });
      this.tellQueued(message, log);
      return Promise.resolve();
    }
    this.tellQueued(message, log);
    return new Promise<void>((resolve) => {
      this.waiting.push(() => void this.inSlot(() => this.processMessage(message, log)).then(resolve));
    });
  }

  private async inSlot(work: () => Promise<void>): Promise<void> {
    this.running += 1;
    try {
      await work();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  private tellQueued(message: IncomingChatMessage, log: Log): void {
    const onQueued = this.options.onQueued;
    if (!onQueued) return;
    const now = this.now().getTime();
    const last = this.lastQueuedNotice.get(message.senderUserId);
    if (last !== undefined && now - last < QUEUED_NOTICE_EVERY_MS) return;
    if (this.lastQueuedNotice.size > 10_000) {
      for (const [user, at] of this.lastQueuedNotice) if (now - at >= QUEUED_NOTICE_EVERY_MS) this.lastQueuedNotice.delete(user);
    }
    this.lastQueuedNotice.set(message.senderUserId, now);
    void this.safe(() => onQueued(message), log);
  }

  private async processMessage(message: IncomingChatMessage, log: Log): Promise<void> {
    try {
      await this.options.handler.onMessage(message);
      await this.safe(() => this.options.inbox.markDone(message.msgId, this.now(), 'ok'), log);
    } catch (err) {
      log.error('dingtalk.inbound.handler_failed', { kind: 'message', error: errorMessage(err) });
      await this.safe(() => this.options.inbox.markFailed(message.msgId, this.now(), errorMessage(err)), log);
    }
  }

  private async runCard(action: IncomingCardAction, log: Log): Promise<CardActionAnswer | 'failed'> {
    try {
      const answer = await this.options.handler.onCardAction(action);
      await this.safe(() => this.options.inbox.markDone(action.callbackId, this.now(), 'ok'), log);
      return answer;
    } catch (err) {
      log.error('dingtalk.inbound.handler_failed', { kind: 'card', error: errorMessage(err) });
      await this.safe(() => this.options.inbox.markFailed(action.callbackId, this.now(), errorMessage(err)), log);
      return 'failed';
    }
  }

  private async answerCard(action: IncomingCardAction, log: Log): Promise<CardCallbackResponse | null> {
    const run = this.runCard(action, log);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), this.cardAnswerTimeoutMs);
    });
    const first = await Promise.race([run, deadline]);
    clearTimeout(timer);
    if (first === TIMED_OUT) {
      log.warn('dingtalk.inbound.card_answer_late', { timeoutMs: this.cardAnswerTimeoutMs });
      void run.then((late) => (late && late !== 'failed' ? this.deliverLate(action, late, log) : undefined));
      return null;
    }
    if (!first || first === 'failed') return null;
    // The clicker's own view, whoever the handler named: a callback answer never carries another user's private data.
    return toCallbackResponse(first.card, action.userId);
  }

  private async deliverLate(action: IncomingCardAction, answer: NonNullable<CardActionAnswer>, log: Log): Promise<void> {
    if (!this.options.onLateCardAnswer) return;
    await this.safe(() => this.options.onLateCardAnswer!(action.outTrackId, answer), log);
  }

  private async safe(fn: () => Promise<unknown>, log: Log): Promise<void> {
    try {
      await fn();
    } catch (err) {
      log.error('dingtalk.inbound.bookkeeping_failed', { error: errorMessage(err) });
    }
  }
}
