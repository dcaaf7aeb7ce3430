/**
 * "Received, in the queue": the answer to a person whose message waits its turn because the process has as many
 * messages in flight as it takes (`MAX_IN_FLIGHT`); the inbound pipeline calls it at most once per person a
 * minute. In the person's language; the wording lives in the catalogs.
 */
import type { IncomingChatMessage } from '../../domain/ports/chat-inbound.port';
import type { ChatLayerDeps } from '../chat-deps';
import { replyPrivately } from './reply';
import { readerOf } from './sender';

export async function answerQueued(deps: ChatLayerDeps, message: IncomingChatMessage): Promise<void> {
  const dir = await deps.directory.current().catch(() => null);
  const c = readerOf(dir, message.senderUserId, deps.defaultLocale).catalog;
  await replyPrivately(deps, message.senderUserId, { title: c.reply.title, text: c.reply.queued }, deps.log);
}
