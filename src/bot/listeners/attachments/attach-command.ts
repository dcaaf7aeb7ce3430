/**
 * `附件 R-…` / `attach R-…` (docs/interfaces.md "Chat additions"): the writer's next picture or file within
 * `ATTACH_WINDOW_MS` attaches to the ticket. Refused (with the sentence) when they may not attach to it; the wait
 * is kept in the database, so whichever process gets the picture finds it.
 */
import { ATTACH_WINDOW_MS } from '../../../domain/attachments/attachment';
import type { Directory } from '../../../domain/directory/directory';
import type { Log } from '../../../domain/ports/log.port';
import { refOf } from '../../../domain/tickets/ticket';
import type { ChatLayerDeps, Conversation } from '../../chat-deps';
import { alertAdminsOnce } from '../../support/alert-admins';
import { replyIn } from '../../support/reply';
import { checkActor, type Reader } from '../../support/sender';
import { attachmentWords } from '../../views/replies/attachment-words';
import { errorSentence } from '../../views/replies/error-sentence';
import { fill } from '../../views/replies/plain-text';

export interface AttachCommandInput {
  dir: Directory;
  reader: Reader;
  userId: string;
  nick: string;
  where: Conversation;
  ref: string;
}

export async function attachCommand(deps: ChatLayerDeps, input: AttachCommandInput, log: Log): Promise<void> {
  const { dir, reader, userId, where } = input;
  const c = reader.catalog;
  const w = attachmentWords(reader.locale);
  const say = (text: string) => replyIn(deps, where, { title: c.reply.title, text }, log);
  const store = deps.attachments?.store;
  if (!store) return say(w.notAvailable);
  const actor = checkActor(dir, reader);
  if (!actor.ok) {
    await say(actor.error.sentence);
    return alertAdminsOnce(deps, dir, { userId, nick: input.nick, error: actor.error }, log);
  }
  const checked = await deps.tickets.checkAttach({ person: actor.value.id, entryPoint: 'chat' }, input.ref);
  if (!checked.ok) return say(errorSentence(checked.error, c, dir));
  const now = deps.clock.now();
  await store.await({ userId, ticketId: checked.value.id, until: new Date(now.getTime() + ATTACH_WINDOW_MS) });
  log.info('chat.attach.waiting', { ticketRef: refOf(checked.value) });
  await say(fill(w.waiting, { ref: refOf(checked.value), minutes: ATTACH_WINDOW_MS / 60_000 }));
}
