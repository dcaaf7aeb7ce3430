/**
 * The chat router (bolt-js style): listeners registered by payload kind — `message` (free text), `command` (by
 * command name), `action` (a card click, by its action id) and `form` (a Form submission, by the action id its
 * hidden `action` field carries). The receivers hand it what they parsed and acknowledged (`ChatInboundHandler`);
 * each event gets a child logger. What a message is (ignored, a command, free text) is the `gate`'s to say; a
 * click with an action id nobody registered goes to `unknownAction`. All registrations: `app/register-listeners.ts`.
 */
import type { ActionId } from './action-ids';
import type { CardActionAnswer, ChatInboundHandler, IncomingCardAction, IncomingChatMessage } from '../domain/ports/chat-inbound.port';
import type { Log } from '../domain/ports/log.port';

/** A message the gate let through: the command it is (routed by `name`), or null for free text. */
export interface RoutedMessage {
  command: { name: string } | null;
  /** The message carries pictures, a file, a video or voice: routed to the `files` listener when one is registered. */
  carriesFiles?: boolean;
}

/** Reads a message: what to route, or null when it is answered (or ignored) already. */
export type MessageGate<M extends RoutedMessage> = (message: IncomingChatMessage, log: Log) => Promise<M | null>;
export type MessageListener<M extends RoutedMessage> = (message: M, log: Log) => Promise<void>;
/** Answers a click or a Form submission with the clicker's re-rendered card (or null). */
export type ActionListener = (action: IncomingCardAction, log: Log) => Promise<CardActionAnswer>;

export interface ChatRouterOptions<M extends RoutedMessage> {
  log: Log;
  gate: MessageGate<M>;
  unknownAction: ActionListener;
}

export class ChatRouter<M extends RoutedMessage> implements ChatInboundHandler {
  private freeText: MessageListener<M> | null = null;
  private withFiles: MessageListener<M> | null = null;
  private readonly commands = new Map<string, MessageListener<M>>();
  private readonly actions = new Map<string, ActionListener>();
  private readonly forms = new Map<string, ActionListener>();

  constructor(private readonly options: ChatRouterOptions<M>) {}

  /** Free text (a message that is no command). */
  message(listener: MessageListener<M>): this {
    if (this.freeText) throw new Error('a message listener is registered already');
    this.freeText = listener;
    return this;
  }

  /** A message with pictures, a file, a video or voice (docs/domain.md "Attachments"). */
  files(listener: MessageListener<M>): this {
    if (this.withFiles) throw new Error('a files listener is registered already');
    this.withFiles = listener;
    return this;
  }

  command(name: M extends { command: infer C } ? (C extends { name: infer N } ? N : never) : never, listener: MessageListener<M>): this {
    return this.add(this.commands, 'command', String(name), listener);
  }

  action(id: ActionId, listener: ActionListener): this {
    return this.add(this.actions, 'action', id, listener);
  }

  /** A Form submission; a submission whose id has no form listener goes to its action listener. */
  form(id: ActionId, listener: ActionListener): this {
    return this.add(this.forms, 'form', id, listener);
  }

  async onMessage(message: IncomingChatMessage): Promise<void> {
    const log = this.options.log.child({ eventId: message.msgId });
    const routed = await this.options.gate(message, log);
    if (!routed) return;
    const listener = (routed.carriesFiles && this.withFiles) || (routed.command && this.commands.get(routed.command.name)) || this.freeText;
    if (!listener) {
      log.warn('chat.message.no_listener', { command: routed.command?.name ?? null });
      return;
    }
    await listener(routed, log);
  }

  onCardAction(action: IncomingCardAction): Promise<CardActionAnswer> {
    const id = action.params.action;
    const log = this.options.log.child({ eventId: action.callbackId, outTrackId: action.outTrackId, action: id ?? null });
    const key = id ?? '';
    const listener = (action.form !== undefined ? this.forms.get(key) : undefined) ?? this.actions.get(key) ?? this.options.unknownAction;
    return listener(action, log);
  }

  private add<L>(to: Map<string, L>, kind: string, key: string, listener: L): this {
    if (to.has(key)) throw new Error(`${kind} listener for ${key} is registered already`);
    to.set(key, listener);
    return this;
  }
}
