/**
 * Answering in chat: in a group, in the group (a robot message there); in a direct chat, privately. Texts are sent
 * as plain text (never Markdown), already in the reader's language. A failed answer is logged, never thrown: the
 * work it reports on is already done.
 */
import type { ChatMessage } from '../../domain/ports/chat-gateway.port';
import type { Log } from '../../domain/ports/log.port';
import type { ChatLayerDeps, Conversation } from '../chat-deps';

export async function replyIn(deps: ChatLayerDeps, where: Conversation, message: ChatMessage, log: Log): Promise<void> {
  try {
    if (where.kind === 'group') {
      const report = await deps.gateway.notifyGroup(where.conversationId, { ...message, markdown: false }, 'answer');
      if (report.failed.length > 0) log.warn('chat.reply.not_delivered', { code: report.failed[0]!.code });
    } else {
      await deps.gateway.answerPrivately(where.userId, { ...message, markdown: false });
    }
  } catch (e) {
    log.warn('chat.reply.failed', { error: (e as Error).message });
  }
}

/** To the person only, whatever the conversation (lists and ticket details are not for the whole group). */
export async function replyPrivately(deps: ChatLayerDeps, userId: string, message: ChatMessage, log: Log): Promise<void> {
  await replyIn(deps, { kind: 'dm', userId }, message, log);
}
