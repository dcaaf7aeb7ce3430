/**
 * Every listener of the chat layer, registered on the router in one place: free text and the command names
 * (after the message gate), the ticket-card action ids, the two Forms, and the picker. A click with an id nobody
 * registered is answered like today: the clicker's card, re-rendered, says the button is unknown.
 */
import { ACTION_IDS, type ActionId } from '../action-ids';
import type { ChatLayerDeps } from '../chat-deps';
import { ChatRouter } from '../router';
import { pickFromPicker } from '../listeners/card-actions/pick-from-picker';
import { ticketCardAction } from '../listeners/card-actions/ticket-card-action';
import { TICKET_ACTIONS } from '../listeners/card-actions/ticket-actions';
import { COMMAND_NAMES } from '../listeners/commands/command-grammar';
import { runCommand } from '../listeners/commands/run-command';
import { intakeFromText } from '../listeners/intake/intake-from-text';
import { messageGate, type ChatMessageContext } from '../listeners/message-gate';
import { KeyedLock } from '../support/keyed-lock';
import { answerFaqCard } from '../listeners/card-actions/answer-faq-card';
import { decideFaq, proposeFaq } from '../listeners/card-actions/faq-draft-actions';
import { attachCommand } from '../listeners/attachments/attach-command';
import { filesFromMessage } from '../listeners/attachments/attach-files';
import { registerChangeListeners } from './register-change-listeners';
import { runChangeCommand } from '../listeners/changes/change-command';

export function createChatRouter(deps: ChatLayerDeps): ChatRouter<ChatMessageContext> {
  const router = new ChatRouter<ChatMessageContext>({
    log: deps.log,
    gate: messageGate(deps),
    unknownAction: (action, log) => ticketCardAction(deps, action, null, log),
  });

  // Messages: free text is a ticket request; `new <text>` too, with the text after the verb.
  // `变更 <known template> …` / `change …` is a change request; anything else is filed (docs/changes.md §3).
  router.message(async (m, log) => {
    if (!(await runChangeCommand(deps, m, log))) await intakeFromText(deps, m, log);
  });
  router.command('new', (m, log) => intakeFromText(deps, { ...m, text: m.command?.name === 'new' ? m.command.text : m.text }, log));
  for (const name of [...COMMAND_NAMES.filter((n) => n !== 'new' && n !== 'attach'), 'usage' as const]) {
    router.command(name, ({ dir, reader, message, where, command }, log) =>
      runCommand(deps, { dir, reader, userId: message.senderUserId, where, command: command!, nick: message.senderNick, atUserIds: message.atUserIds }, log),
    );
  }

  // Ticket card clicks: one listener per action id, told what the id does (listeners/card-actions/ticket-actions.ts).
  for (const [id, spec] of Object.entries(TICKET_ACTIONS) as Array<[ActionId, NonNullable<(typeof TICKET_ACTIONS)[ActionId]>]>) {
    router.action(id, (action, log) => ticketCardAction(deps, action, spec, log));
  }
  // The Resolve and Close Forms submit to the same listeners (form-card-actions.ts tells a submission from a click).
  for (const id of [ACTION_IDS.resolve, ACTION_IDS.close]) {
    router.form(id, (action, log) => ticketCardAction(deps, action, TICKET_ACTIONS[id]!, log));
  }

  // The picker: picks of one draft run one at a time in this process.
  const picks = new KeyedLock();
  router.action(ACTION_IDS.pick, (action, log) => pickFromPicker(deps, action, picks, log));

  // FAQ (issue 14): the FAQ card's two buttons; clicks on one card run one at a time in this process.
  const faqClicks = new KeyedLock();
  router.action(ACTION_IDS.faqSolved, (action, log) => answerFaqCard(deps, action, 'solved', faqClicks, log));
  router.action(ACTION_IDS.faqStillHelp, (action, log) => answerFaqCard(deps, action, 'still_help', faqClicks, log));
  router.action(ACTION_IDS.faqPropose, (action, log) => proposeFaq(deps, action, log));
  router.action(ACTION_IDS.faqPublish, (action, log) => decideFaq(deps, action, 'published', log));
  router.action(ACTION_IDS.faqRetire, (action, log) => decideFaq(deps, action, 'retired', log));
  // Attachments and voice (listeners/attachments/): pictures, files, videos, voice; `附件 R-…` announces the next one.
  router.files((m, log) => filesFromMessage(deps, m, log));
  router.command('attach', ({ dir, reader, message, where, command }, log) =>
    attachCommand(deps, { dir, reader, userId: message.senderUserId, nick: message.senderNick, where, ref: command?.name === 'attach' ? command.ref : '' }, log),
  );
  // Changes: the card's step buttons, resubmit/cancel, and the picker.
  registerChangeListeners(router, deps);
  return router;
}
