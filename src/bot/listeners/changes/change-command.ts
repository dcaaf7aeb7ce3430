/**
 * `变更 <模板代码> <标题>` / `change <template> <title>` (docs/changes.md §3): a known template code requests a
 * change; the verb alone answers the picker of the templates the writer may request; an unknown template code is
 * no command at all: the text goes to intake like any message.
 */
import type { IncomingChatMessage } from '../../../domain/ports/chat-inbound.port';
import type { CardView } from '../../../domain/ports/chat-gateway.port';
import type { Log } from '../../../domain/ports/log.port';
import type { ChangeTemplate } from '../../../domain/changes/change-template';
import { formatChangeRef } from '../../../domain/changes/change';
import type { Locale } from '../../../domain/shared/locale';
import { ACTION_IDS } from '../../action-ids';
import type { ChatLayerDeps } from '../../chat-deps';
import { replyIn } from '../../support/reply';
import { changeCatalog } from '../../views/replies/change-catalog';
import { fill } from '../../views/replies/plain-text';
import type { ChatMessageContext } from '../message-gate';
import { changeSentence } from './change-sentence';
import { parseChangeCommand } from './change-command-grammar';

/**
 * The picker: one button per template the writer may request, each asking for the title; `link` (a `P-`/`I-` ref,
 * from a problem's or incident's card) rides on every button, so the change is linked to it.
 */
export function renderChangePicker(userId: string, templates: readonly ChangeTemplate[], locale: Locale, notice?: string, link?: string): CardView {
  const w = changeCatalog(locale);
  const forRef = link ? [{ label: w.label.links, value: fill(w.fromTicket.forRef, { ref: link }) }] : [];
  return {
    // The card's `ref` rides back with every click as the named param `ref` (docs/dingtalk-cards.md): the link.
    ref: link ?? '',
    status: 'draft',
    statusLabel: w.picker.title,
    title: w.picker.title,
    lastMessage: templates.length ? w.picker.prompt : w.picker.none,
    fields: [...forRef, ...templates.map((t) => ({ label: t.code, value: `${t.name}（${t.steps.map((s) => s.name).join(' → ')}）` }))],
    publicActions: [],
    privateActions: {
      [userId]: templates.map((t) => ({
        label: t.name,
        action: ACTION_IDS.changeRequest,
        tone: 'primary' as const,
        enabled: true,
        input: 'title',
        placeholder: w.usage,
        params: { template: t.code, ...(link ? { ref: link } : {}) },
      })),
    },
    ...(notice ? { privateNotice: { [userId]: notice } } : {}),
  };
}

/** Handle the message when it is a change command; false = not one (the caller files it). */
export async function runChangeCommand(deps: ChatLayerDeps, m: ChatMessageContext, log: Log): Promise<boolean> {
  const changes = deps.changes;
  if (!changes) return false;
  const cmd = parseChangeCommand(m.text, changes.templates.map((t) => t.code));
  if (!cmd) return false;
  const { reader, dir } = m;
  const w = changeCatalog(reader.locale);
  const person = reader.person;
  if (!person) {
    await replyIn(deps, m.where, { title: w.picker.title, text: reader.catalog.reply.unknownPerson }, log);
    return true;
  }
  if (cmd.template === null) {
    const mine = await changes.templatesFor(person.id);
    const msg: IncomingChatMessage = m.message;
    await deps.gateway.deliverCard(`chg-pick-${msg.msgId}`.slice(0, 100), [{ kind: 'dm', userId: msg.senderUserId }], renderChangePicker(msg.senderUserId, mine, reader.locale), 'answer');
    return true;
  }
  const r = await changes.request(person.id, { template: cmd.template, title: cmd.title, link: cmd.link });
  if (!r.ok) {
    log.info('chat.change.refused', { code: r.error.code });
    await replyIn(deps, m.where, { title: w.picker.title, text: changeSentence(r.error, reader.catalog, dir) }, log);
    return true;
  }
  const step = r.value.steps[0]!;
  await replyIn(
    deps,
    m.where,
    { title: w.picker.title, text: fill(w.requested, { ref: formatChangeRef(r.value.id), step: step.name, team: dir.team(step.team)?.name ?? step.team }) },
    log,
  );
  return true;
}
