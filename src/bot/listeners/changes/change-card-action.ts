/**
 * Clicks on a change card (`change.claim`, `change.approve`, … with `ref`, `step`, `note`/`reason`) and on the
 * change picker (`change.request` with `template` and `title`, optional `ref` to link). The use case re-checks every
 * permission; the clicker's card is re-rendered with a one-line notice (done, or why not).
 */
import { formatChangeRef } from '../../../domain/changes/change';
import { SYSTEM_ACTOR } from '../../../domain/tickets/actor';
import type { ChangeCommand, ChangeCommandType } from '../../../domain/changes/change-lifecycle';
import type { CardActionAnswer, IncomingCardAction } from '../../../domain/ports/chat-inbound.port';
import type { Log } from '../../../domain/ports/log.port';
import type { ChatLayerDeps } from '../../chat-deps';
import { readerOf } from '../../support/sender';
import { replyPrivately } from '../../support/reply';
import { changeCatalog } from '../../views/replies/change-catalog';
import { renderChangeCard } from '../../views/changes/render-change-card';
import { fill } from '../../views/replies/plain-text';
import { CardActionParams } from '../card-actions/card-action-params';
import { renderChangePicker } from './change-command';
import { changeSentence } from './change-sentence';

const TEXT_PARAM: Readonly<Record<ChangeCommandType, 'note' | 'reason' | null>> = {
  claim: null,
  approve: 'note',
  done: 'note',
  passed: 'note',
  reject: 'reason',
  failed: 'reason',
  resubmit: 'note',
  cancel: 'reason',
};

function commandOf(type: ChangeCommandType, text: string | undefined): ChangeCommand {
  switch (type) {
    case 'claim':
      return { type };
    case 'reject':
    case 'failed':
    case 'cancel':
      return { type, reason: text ?? '' };
    default:
      return { type, note: text };
  }
}

export async function changeCardAction(deps: ChatLayerDeps, action: IncomingCardAction, type: ChangeCommandType, log: Log): Promise<CardActionAnswer> {
  const dir = await deps.directory.current();
  const reader = readerOf(dir, action.userId, deps.defaultLocale);
  const params = new CardActionParams(action.params, TEXT_PARAM[type], action.form);
  const ref = params.get('ref') ?? '';
  const person = reader.person;
  if (!deps.changes || !dir || !person) {
    await replyPrivately(deps, action.userId, { title: ref, text: dir ? reader.catalog.reply.unknownPerson : reader.catalog.reply.noDirectory }, log);
    return null;
  }
  const stepParam = params.get('step');
  const step = stepParam !== undefined && /^\d+$/.test(stepParam) ? Number(stepParam) : undefined;
  const r = await deps.changes.act(person.id, ref, commandOf(type, params.get(TEXT_PARAM[type] ?? '')), step);
  const w = changeCatalog(reader.locale);
  if (!r.ok) {
    log.info('chat.change.action_refused', { code: r.error.code, changeRef: ref });
    const sentence = changeSentence(r.error, reader.catalog, dir);
    const current = await deps.changes.get(ref);
    if (!current.ok) {
      await replyPrivately(deps, action.userId, { title: ref, text: sentence }, log);
      return null;
    }
    return { card: renderChangeCard({ change: current.value, dir, locale: reader.locale, viewers: [action.userId], notice: { [action.userId]: sentence } }), forUserId: action.userId };
  }
  const c = r.value;
  // The step acted on: the previous one when the change moved on.
  const acted = c.steps[step ?? c.current] ?? c.steps[c.current]!;
  const notice = fill(w.done[type], { ref: formatChangeRef(c.id), step: type === 'resubmit' ? c.steps[c.current]!.name : acted.name });
  return { card: renderChangeCard({ change: c, dir, locale: reader.locale, viewers: [action.userId], notice: { [action.userId]: notice } }), forUserId: action.userId };
}

export async function requestFromPicker(deps: ChatLayerDeps, action: IncomingCardAction, log: Log): Promise<CardActionAnswer> {
  const dir = await deps.directory.current();
  const reader = readerOf(dir, action.userId, deps.defaultLocale);
  const params = new CardActionParams(action.params, 'title', action.form);
  const person = reader.person;
  if (!deps.changes || !dir || !person) {
    await replyPrivately(deps, action.userId, { title: '', text: dir ? reader.catalog.reply.unknownPerson : reader.catalog.reply.noDirectory }, log);
    return null;
  }
  const mine = await deps.changes.templatesFor(person.id);
  const w = changeCatalog(reader.locale);
  const link = params.get('ref')?.trim().toUpperCase() || undefined;
  const template = params.get('template');
  if (!template) {
    // 申请变更 on a problem's or incident's card: the picker, its buttons linking the change to that ticket; nobody
    // a template allows → the sentence, nothing changed.
    if (mine.length === 0) {
      await replyPrivately(deps, action.userId, { title: w.picker.title, text: w.picker.none }, log);
      return null;
    }
    const id = `chg-pick-${link ?? ''}-${action.userId}-${deps.clock.now().getTime()}`.slice(0, 100);
    await deps.gateway.deliverCard(id, [{ kind: 'dm', userId: action.userId }], renderChangePicker(action.userId, mine, reader.locale, undefined, link), 'answer');
    return null;
  }
  // A title left blank from a linked ticket's picker: the linked ticket's title.
  let title = params.get('title') ?? '';
  if (!title.trim() && link) {
    const linked = await deps.tickets.get(SYSTEM_ACTOR, link);
    if (linked.ok) title = linked.value.title;
  }
  const r = await deps.changes.request(person.id, { template, title, link });
  const notice = r.ok
    ? fill(w.requested, { ref: formatChangeRef(r.value.id), step: r.value.steps[0]!.name, team: dir.team(r.value.steps[0]!.team)?.name ?? r.value.steps[0]!.team })
    : changeSentence(r.error, reader.catalog, dir);
  if (!r.ok) log.info('chat.change.refused', { code: r.error.code });
  return { card: renderChangePicker(action.userId, r.ok ? [] : mine, reader.locale, notice, r.ok ? undefined : link), forUserId: action.userId };
}
