import type { CardActionAnswer, ChatInboundHandler, IncomingCardAction, IncomingChatMessage } from '../../../domain/ports/chat-inbound.port';
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
}

export type MessageAcceptance =
  | { status: 'accepted'; id: string; process: () => Promise<void> }
  | { status: 'duplicate'; id: string }
  | { status: 'dropped'; reason: string }
  | { status: 'store-failed'; id: string };

export type CardAcceptance =
  | { status: 'accepted'; id: string; answer: () => Promise<CardCallbackResponse | null> }
  | { status: 'duplicate'; id: string }
  | { status: 'dropped'; reason: string }
  | { status: 'store-failed'; id: string };

const TIMED_OUT = Symbol('timed-out');

export class InboundPipeline {
  private readonly logger: Log;
  private readonly now: () => Date;
  private readonly cardAnswerTimeoutMs: number;

  constructor(private readonly options: InboundPipelineOptions) {
    this.logger = options.logger ?? silentLog;
    this.now = options.now ?? (() => new Date());
    this.cardAnswerTimeoutMs = options.cardAnswerTimeoutMs ?? 1000;
  }

  /** Parse and store a robot message. `deliveryId` = the Stream frame's messageId (fallback dedupe key). */
  async acceptMessage(raw: unknown, deliveryId: string | undefined, transport: string): Promise<MessageAcceptance> {
    const parsed = parseRobotMessage(raw, this.now().getTime(), deliveryId);
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
    if (stored !== 'new') return stored === 'duplicate' ? { status: 'duplicate', id: message.msgId } : { status: 'store-failed', id: message.msgId };
    log.debug('dingtalk.inbound.message_accepted', { transport, conversationType: message.conversationType, msgType: message.msgType });
    return { status: 'accepted', id: message.msgId, process: () => this.processMessage(message, log) };
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
    if (stored !== 'new') return stored === 'duplicate' ? { status: 'duplicate', id: callbackId } : { status: 'store-failed', id: callbackId };
    return { status: 'accepted', id: callbackId, answer: () => this.answerCard(action, log) };
  }

  /** Run a stored, unprocessed entry again (start-up pick-up and the inbox sweep). */
  async replay(entry: InboxEntry): Promise<void> {
    const log = this.logger.child({ eventId: entry.id, replay: true });
    let payload: unknown;
    try {
      payload = JSON.parse(entry.payload);
    } catch {
      log.error('dingtalk.inbound.replay_unreadable');
      await this.safe(() => this.options.inbox.markFailed(entry.id, this.now(), 'unreadable payload'), log);
      return;
    }
    if (entry.kind === 'message') {
      await this.processMessage(payload as IncomingChatMessage, log);
      return;
    }
    const answer = await this.runCard(payload as IncomingCardAction, log);
    if (answer && answer !== 'failed') await this.deliverLate(payload as IncomingCardAction, answer, log);
  }

  private async store(id: string, kind: 'message' | 'card', payload: string, log: Log): Promise<'new' | 'duplicate' | 'failed'> {
    try {
      const isNew = await this.options.inbox.put({ id, kind, payload, receivedAt: this.now() });
      if (!isNew) log.info('dingtalk.inbound.duplicate_dropped', { kind });
      return isNew ? 'new' : 'duplicate';
    } catch (err) {
      log.error('dingtalk.inbound.inbox_unavailable', { kind, error: errorMessage(err) });
      return 'failed';
    }
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
