/**
 * A message with pictures, a file, a video or voice (docs/domain.md "Attachments"; the gate routes it here).
 *
 * - Voice (`audio`): filed from DingTalk's speech recognition like a typed message, the speaker told what was heard
 *   ("按语音识别：…"), and the recording kept with the ticket it filed (when its words get the service picker, the
 *   recording is parked under the picker's id and the pick gives it to the request it files).
 * - Pictures, files, videos go to, in this order: the ticket named by the writer's `附件 R-…` (within 2 minutes), or
 *   the writer's own request filed in the last 2 minutes. A richText with words and no such ticket is filed from
 *   its words, its pictures attached to that filing. Otherwise nothing is stored: the writer is told how to attach.
 *   Words sent with pictures to an existing ticket become a public note.
 *
 * Nothing is half-stored: every file of the message is downloaded whole and checked (size limit, refused types)
 * before one transaction stores them all with the ticket; any refusal is one sentence and nothing is written.
 * The message id keys the rows (`uq_ticket_attachments_source`): processed again, it stores nothing twice.
 */
import {
  ATTACH_WINDOW_MS,
  attachmentName,
  checkAttachment,
  formatSize,
  isThumbnailType,
  sniffContentType,
  type AttachmentRefusal,
  type IncomingFile,
} from '../../../domain/attachments/attachment';
import type { DownloadRefusal } from '../../../domain/ports/chat-files.port';
import type { Log } from '../../../domain/ports/log.port';
import type { Actor } from '../../../domain/tickets/actor';
import { formatRef, isOpen, refOf, type Ticket } from '../../../domain/tickets/ticket';
import type { Directory } from '../../../domain/directory/directory';
import type { BotCatalog } from '../../views/replies/bot-catalog';
import type { AttachmentToStore } from '../../../application/tickets/attachments';
import type { ChatLayerDeps } from '../../chat-deps';
import { replyIn } from '../../support/reply';
import { checkActor } from '../../support/sender';
import { attachmentWords, type AttachmentWords } from '../../views/replies/attachment-words';
import { errorSentence } from '../../views/replies/error-sentence';
import { fill, oneLine } from '../../views/replies/plain-text';
import { intakeFromText, type IntakeInput } from '../intake/intake-from-text';
import { pickerCardId } from '../../views/cards/card-ids';

type Attachments = NonNullable<ChatLayerDeps['attachments']>;
const MB = 1024 * 1024;
const LIST_MAX = 5;
const TITLE_MAX = 40;
const HEARD_MAX = 200;

export async function filesFromMessage(deps: ChatLayerDeps, input: IntakeInput, log: Log): Promise<void> {
  const { dir, reader, message, where } = input;
  const c = reader.catalog;
  const w = attachmentWords(reader.locale);
  const say = (text: string) => replyIn(deps, where, { title: c.reply.title, text }, log);
  const files = message.files ?? [];
  const att = deps.attachments;
  if (!att) return say(w.notAvailable);
  // Processed again (a crash after storing, a sweep): its files are stored, its answers were given.
  const earlier = await att.store.storedFrom(message.msgId);
  if (earlier.length > 0) {
    log.info('chat.attach.already_stored', { count: earlier.length });
    return;
  }

  if (message.msgType === 'audio') {
    const heard = (message.recognition ?? '').trim();
    if (!heard) return say(w.voiceEmpty);
    await say(fill(w.voiceHeard, { text: oneLine(heard, HEARD_MAX, c.format.ellipsis) }));
    await intakeFromText(deps, { ...input, text: heard }, log);
    const filed = await deps.tickets.filedFrom(message.msgId);
    const actor = checkActor(dir, reader);
    if (!filed) {
      // The picker was shown: the recording waits under the picker's id until the pick files the request.
      const draft = await deps.cards.draft(pickerCardId(message.msgId));
      if (!draft || draft.ticketId !== null || !actor.ok) return;
      const ready = await prepareFiles(att, { files, msgId: draft.id, w, say }, log);
      for (const f of ready ?? []) await att.store.park({ ...f, ticketId: 0, addedBy: actor.value.id, addedAt: deps.clock.now() });
      log.info('chat.voice.parked_for_pick', { count: ready?.length ?? 0 });
      return;
    }
    if (actor.ok) await storeFiles(deps, att, { files, msgId: message.msgId, actor: { person: actor.value.id, entryPoint: 'chat' }, ref: refOf(filed), w, c, dir, say }, log);
    return;
  }

  const actor = checkActor(dir, reader);
  if (!actor.ok) return say(actor.error.sentence);
  const me: Actor = { person: actor.value.id, entryPoint: 'chat' };
  const now = deps.clock.now();
  const wait = await att.store.waitOf(message.senderUserId, now);
  const mine = await deps.tickets.list(me, { scope: 'mine' }, 20);
  const open = (mine.ok ? mine.value : []).filter((t) => isOpen(t.status) && (t.caller === me.person || t.agent === me.person));
  const recent = open.find((t) => t.caller === me.person && now.getTime() - t.createdAt.getTime() <= ATTACH_WINDOW_MS);
  const target = wait ? await ticketOfWait(deps, me, wait.ticketId) : null;
  const ticket = target ?? (wait ? null : (recent ?? null));

  if (!ticket && !wait && input.text !== '') {
    // Words with pictures and nothing to attach them to: a request, filed from the words, with its pictures.
    await intakeFromText(deps, input, log);
    const filed = await deps.tickets.filedFrom(message.msgId);
    if (filed) await storeFiles(deps, att, { files, msgId: message.msgId, actor: me, ref: refOf(filed), w, c, dir, say }, log);
    return;
  }
  if (!ticket) {
    log.info('chat.attach.no_target', { open: open.length });
    if (open.length === 0) return say(w.noTicket);
    const lines = open.slice(0, LIST_MAX).map((t) => `${refOf(t)} ${oneLine(t.title, TITLE_MAX, c.format.ellipsis)}`);
    return say(fill(w.chooseTicket, { ref: refOf(open[0]!), list: lines.join('\n') }));
  }
  const stored = await storeFiles(deps, att, { files, msgId: message.msgId, actor: me, ref: refOf(ticket), w, c, dir, say }, log);
  if (wait) await att.store.endWait(message.senderUserId);
  if (stored && input.text !== '') {
    const noted = await deps.tickets.addLog(me, refOf(ticket), input.text, 'public');
    if (!noted.ok) log.info('chat.attach.words_not_noted', { code: noted.error.code });
  }
}

interface StoreInput {
  files: readonly IncomingFile[];
  msgId: string;
  actor: Actor;
  ref: string;
  w: AttachmentWords;
  c: BotCatalog;
  dir: Directory;
  say: (text: string) => Promise<void>;
}

/** The ticket a `附件` wait names (its id: a request's or an incident's, they share one counter). */
async function ticketOfWait(deps: ChatLayerDeps, me: Actor, ticketId: number): Promise<Ticket | null> {
  for (const kind of ['request', 'incident'] as const) {
    const found = await deps.tickets.get(me, formatRef(kind, ticketId));
    if (found.ok) return found.value;
  }
  return null;
}

/** Download every file whole, check it, upload a thumbnail, then store them all in one transaction. */
async function storeFiles(deps: ChatLayerDeps, att: Attachments, input: StoreInput, log: Log): Promise<boolean> {
  const ready = await prepareFiles(att, input, log);
  if (!ready) return false;
  return commitFiles(deps, att, input, ready, log);
}

/** Every file downloaded whole and checked, or null after telling why one cannot be kept (nothing is stored). */
async function prepareFiles(
  att: Attachments,
  input: Pick<StoreInput, 'files' | 'msgId' | 'w' | 'say'>,
  log: Log,
): Promise<AttachmentToStore[] | null> {
  const { w, say } = input;
  const maxMb = Number((att.maxBytes / MB).toFixed(2));
  const ready: AttachmentToStore[] = [];
  for (const [index, file] of input.files.entries()) {
    const got = await att.files.download(file.downloadCode, att.maxBytes);
    if (!got.ok) {
      log.info('chat.attach.download_refused', { code: got.error.code, kind: file.kind, ...(got.error.code === 'UNAVAILABLE' ? { error: got.error.message } : {}) });
      await say(downloadSentence(got.error, file, w, maxMb));
      return null;
    }
    const { bytes } = got.value;
    const contentType = sniffContentType(bytes, got.value.contentType);
    const name = attachmentName(file, contentType, index + 1);
    const checked = checkAttachment({ name, size: bytes.byteLength }, att.maxBytes);
    if (!checked.ok) {
      log.info('chat.attach.refused', { code: checked.error.code, kind: file.kind, size: bytes.byteLength });
      await say(refusalSentence(checked.error, w, maxMb));
      return null;
    }
    ready.push({ kind: file.kind, name, contentType, size: bytes.byteLength, mediaId: null, content: bytes, sourceMsg: input.msgId, sourceIndex: index });
  }
  return ready;
}

async function commitFiles(deps: ChatLayerDeps, att: Attachments, input: StoreInput, ready: AttachmentToStore[], log: Log): Promise<boolean> {
  const { w, say } = input;
  const first = ready.find((f) => isThumbnailType(f.kind, f.contentType));
  if (first) {
    try {
      first.mediaId = await att.files.uploadImage(first.content, first.name, first.contentType);
    } catch (e) {
      // The card lists the file by name instead (docs/dingtalk-cards.md: the image is a nice-to-have).
      log.warn('chat.attach.thumbnail_upload_failed', { error: (e as Error).message });
    }
  }
  const done = await deps.tickets.attach(input.actor, input.ref, ready);
  if (!done.ok) {
    await say(errorSentence(done.error, input.c, input.dir));
    return false;
  }
  if (!done.value.stored) return true;
  log.child({ ticketRef: input.ref }).info('chat.attach.stored', { count: ready.length, bytes: ready.reduce((n, f) => n + f.size, 0) });
  const list = ready.map((f) => fill(w.item, { name: f.name, size: formatSize(f.size) })).join(w.separator);
  await say(fill(w.attached, { ref: input.ref, files: list }));
  return true;
}

function downloadSentence(refusal: DownloadRefusal, file: IncomingFile, w: AttachmentWords, maxMb: number): string {
  if (refusal.code === 'UNAVAILABLE') return w.unavailable;
  return refusal.size !== null && file.name
    ? fill(w.tooLarge, { name: file.name, size: formatSize(refusal.size), max: maxMb })
    : fill(w.tooLargeUnknown, { max: maxMb });
}

function refusalSentence(refusal: AttachmentRefusal, w: AttachmentWords, maxMb: number): string {
  switch (refusal.code) {
    case 'empty':
      return w.empty;
    case 'unsupported':
      return fill(w.unsupported, { name: refusal.name });
    case 'too_large':
      return fill(w.tooLargeUnknown, { max: maxMb });
  }
}
