/**
 * What a robot message is, before any listener runs: in a group only when the bot is @-mentioned; no directory,
 * no text or too long → one sentence, nothing routed; empty → `help`; else the command it is (`new <text>`: its
 * text is a request), or free text (a ticket request). The router routes the result (`router.ts`).
 */
import type { Directory } from '../../domain/directory/directory';
import type { IncomingChatMessage } from '../../domain/ports/chat-inbound.port';
import type { Log } from '../../domain/ports/log.port';
import { parseCommand, type ChatCommand } from './commands/command-grammar';
import { MESSAGE_MAX_CHARS } from './intake/intake-match';
import { charCount, fill } from '../views/replies/plain-text';
import type { ChatLayerDeps, Conversation } from '../chat-deps';
import { replyIn } from '../support/reply';
import { readerOf, type Reader } from '../support/sender';

/** A message to route: who wrote, where to answer, the trimmed text and the command it is (null: free text). */
export interface ChatMessageContext {
  dir: Directory;
  reader: Reader;
  message: IncomingChatMessage;
  where: Conversation;
  text: string;
  command: ChatCommand | null;
  /** Pictures, a file, a video or voice (`message.files`): for the files listener (listeners/attachments/). */
  carriesFiles?: boolean;
}

export function messageGate(deps: ChatLayerDeps): (message: IncomingChatMessage, log: Log) => Promise<ChatMessageContext | null> {
  return async (message, log) => {
    if (message.conversationType === 'group' && !message.mentioned) {
      log.debug('chat.message.group_without_mention');
      return null;
    }
    const userId = message.senderUserId;
    const where: Conversation =
      message.conversationType === 'group' ? { kind: 'group', conversationId: message.conversationId, userId } : { kind: 'dm', userId };
    const dir = await deps.directory.current();
    const reader = readerOf(dir, userId, deps.defaultLocale);
    const c = reader.catalog;
    const say = async (text: string) => {
      await replyIn(deps, where, { title: c.reply.title, text }, log);
      return null;
    };

    if (!dir) return say(c.reply.noDirectory);
    // Pictures, files, videos and voice (a richText's words come with its pictures): the files listener.
    if ((message.files?.length ?? 0) > 0) return { dir, reader, message, where, text: (message.text ?? '').trim(), command: null, carriesFiles: true };
    if (message.text === null) {
      log.info('chat.message.without_text', { msgType: message.msgType });
      return say(c.reply.noText);
    }
    const text = message.text.trim();
    const length = charCount(text);
    if (length > MESSAGE_MAX_CHARS) {
      log.info('chat.message.too_long', { length });
      return say(fill(c.reply.tooLong, { length, max: MESSAGE_MAX_CHARS }));
    }
    const command: ChatCommand | null = text === '' ? { name: 'help' } : parseCommand(text);
    return { dir, reader, message, where, text, command };
  };
}
