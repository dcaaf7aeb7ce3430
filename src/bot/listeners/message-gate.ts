/**
 * One robot message: in a group only when the bot is @-mentioned; no text or too long → one sentence; a command →
 * the command (`new <text>`: its text is a request); anything else is a ticket request.
 */
import type { IncomingChatMessage } from '../../domain/ports/chat-inbound.port';
import { parseCommand } from './commands/command-grammar';
import { runCommand } from './commands/run-command';
import { intakeFromText } from './intake/intake-from-text';
import { MESSAGE_MAX_CHARS } from './intake/intake-match';
import { charCount, fill } from '../views/replies/plain-text';
import type { ChatLayerDeps, Conversation } from '../chat-deps';
import { replyIn } from '../support/reply';
import { readerOf } from '../support/sender';

export async function handleMessage(deps: ChatLayerDeps, message: IncomingChatMessage): Promise<void> {
  const log = deps.log.child({ eventId: message.msgId });
  if (message.conversationType === 'group' && !message.mentioned) {
    log.debug('group message without mention ignored');
    return;
  }
  const userId = message.senderUserId;
  const where: Conversation =
    message.conversationType === 'group' ? { kind: 'group', conversationId: message.conversationId, userId } : { kind: 'dm', userId };
  const dir = await deps.directory.current();
  const reader = readerOf(dir, userId, deps.defaultLocale);
  const c = reader.catalog;
  const say = (text: string) => replyIn(deps, where, { title: c.reply.title, text }, log);

  if (!dir) return say(c.reply.noDirectory);
  if (message.text === null) {
    log.info('message without text', { msgType: message.msgType });
    return say(c.reply.noText);
  }
  const text = message.text.trim();
  const length = charCount(text);
  if (length > MESSAGE_MAX_CHARS) {
    log.info('message too long', { length });
    return say(fill(c.reply.tooLong, { length, max: MESSAGE_MAX_CHARS }));
  }
  const command = text === '' ? { name: 'help' as const } : parseCommand(text);
  if (command?.name === 'new') return intakeFromText(deps, { dir, reader, message, where, text: command.text }, log);
  if (command) {
    return runCommand(deps, { dir, reader, userId, where, command, nick: message.senderNick, atUserIds: message.atUserIds }, log);
  }
  return intakeFromText(deps, { dir, reader, message, where, text }, log);
}
