/**
 * Running a chat command: help and usage lines (where asked), my tickets and the team queue (privately: ticket
 * titles are not for the whole group), show (the ticket's card to the asker's direct chat), and the ticket
 * commands (run-ticket-command.ts), answered where they were typed. `new <text>` is intake (handle-message.ts).
 */
import type { Directory } from '../../../domain/directory/directory';
import type { Log } from '../../../domain/ports/log.port';
import { formatRef, refOf, type Ticket } from '../../../domain/tickets/ticket';
import type { ChatLayerDeps, Conversation } from '../../chat-deps';
import { syncTicketCard } from '../../support/ticket-card-instance';
import { replyIn, replyPrivately } from '../../support/reply';
import { checkActor, checkFiler, type Reader } from '../../support/sender';
import { helpFor } from '../../support/help-for';
import { showText } from '../../views/replies/show-text';
import type { BotCatalog } from '../../views/replies/bot-catalog';
import { errorSentence } from '../../views/replies/error-sentence';
import { fill, oneLine } from '../../views/replies/plain-text';
import { alertAdminsOnce } from '../../support/alert-admins';
import type { ChatCommand } from './command-grammar';
import { attachmentWords } from '../../views/replies/attachment-words';
import { isTicketCommand, runTicketCommand } from './run-ticket-command';
import { runFaqCommand } from './run-faq-command';
import { proposeFaqFrom } from '../card-actions/faq-draft-actions';
// Problems (issue 14)
import { isProblemCommand, runProblemCommand } from './run-problem-command';

/** A list answer: the lines it shows (the rest is counted), the tickets it fetches, and where titles and names are cut. */
const LIST = { lines: 10, fetch: 50, titleMax: 40, nameMax: 30 } as const;

export interface CommandInput {
  dir: Directory;
  reader: Reader;
  userId: string;
  where: Conversation;
  command: ChatCommand;
  /** The writer's DingTalk nick (for the administrators' alert) and the users they @-mentioned. */
  nick: string;
  atUserIds: readonly string[];
}

export function listText(tickets: readonly Ticket[], dir: Directory, c: BotCatalog, title: string): string {
  const text = (s: string, max: number) => oneLine(s, max, c.format.ellipsis);
  const lines = tickets.slice(0, LIST.lines).map((t) => {
    const line = fill(c.reply.listLine, {
      ref: refOf(t),
      status: c.state[t.status],
      title: text(t.title, LIST.titleMax),
      assignee: t.agent ? text(dir.person(t.agent)?.name ?? t.agent, LIST.nameMax) : c.value.unassigned,
    });
    // A joined request keeps its own ref, and names its incident (docs/interfaces.md "Intake from chat").
    return t.kind === 'request' && t.parent !== null ? fill(c.reply.listLineInIncident, { line, incident: formatRef('incident', t.parent) }) : line;
  });
  if (tickets.length > LIST.lines) lines.push(fill(c.reply.listMore, { count: tickets.length - LIST.lines }));
  return [title, ...lines].join('\n');
}

export async function runCommand(deps: ChatLayerDeps, input: CommandInput, log: Log): Promise<void> {
  const { dir, reader, userId, where, command } = input;
  const c = reader.catalog;
  const say = (text: string) => replyIn(deps, where, { title: c.reply.title, text }, log);
  log.info('chat.command.done', { command: command.name });
  if (command.name === 'help') return say(helpFor(deps, dir, reader));
  // FAQ (issue 14): the search's usage line lives with the FAQ's words; the attachments' with theirs.
  if (command.name === 'usage' && command.of === 'faq') return say(c.faq.usageSearch);
  if (command.name === 'usage' && command.of === 'attach') return say(attachmentWords(reader.locale).usage);
  // Problems (issue 14)
  if (command.name === 'usage' && command.of === 'problem') return say(c.problem.usage);
  if (command.name === 'usage' && command.of === 'problemResolve') return say(c.problem.resolveUsage);
  if (command.name === 'usage' && command.of === 'problemLink') return say(c.problem.linkUsage);
  if (command.name === 'usage' && command.of === 'problemUnlink') return say(c.problem.unlinkUsage);
  if (command.name === 'usage') {
    return say(command.of === 'withdraw' ? c.week.withdrawUsage : (c.ops.usage[command.of] ?? helpFor(deps, dir, reader)));
  }

  const actor = checkActor(dir, reader);
  if (!actor.ok) {
    await say(actor.error.sentence);
    return alertAdminsOnce(deps, dir, { userId, nick: input.nick, error: actor.error }, log);
  }
  const me = { person: actor.value.id, entryPoint: 'chat' as const };
  if (isTicketCommand(command)) {
    return say(await runTicketCommand(deps, { dir, me, userId, atUserIds: input.atUserIds, command, catalog: c }, log));
  }

  // FAQ (issue 14)
  if (command.name === 'faqPropose') return say(await proposeFaqFrom(deps, me.person, userId, command.ref, log));
  if (command.name === 'faq' || command.name === 'faqStats') {
    return runFaqCommand(deps, { dir, reader, personId: me.person, userId, where, command }, log);
  }
  // Problems (issue 14)
  if (isProblemCommand(command)) return say(await runProblemCommand(deps, { dir, me, command, catalog: c }, log));

  switch (command.name) {
    case 'mine':
    case 'queue': {
      if (command.name === 'queue' && dir.teamsOf(me.person).length === 0) return say(c.reply.noTeam);
      const listed = await deps.tickets.list(me, { scope: command.name === 'mine' ? 'mine' : 'team_queue' }, LIST.fetch);
      if (!listed.ok) return say(errorSentence(listed.error, c, dir));
      const title = command.name === 'mine' ? c.reply.mineTitle : c.reply.queueTitle;
      const empty = command.name === 'mine' ? c.reply.mineEmpty : c.reply.queueEmpty;
      const nothing = command.name === 'mine' && !checkFiler(dir, reader, deps.clock.now()).ok ? c.week.mineEmptyNoFiling : empty;
      const text = listed.value.length === 0 ? nothing : listText(listed.value, dir, c, title);
      await replyPrivately(deps, userId, { title, text }, log);
      // In a group: one line there saying so (a person's tickets are never posted in a group).
      if (where.kind === 'group') await say(fill(c.week.sentPrivately, { title }));
      return;
    }
    case 'show': {
      const found = await deps.tickets.get(me, command.ref);
      if (!found.ok) return say(errorSentence(found.error, c, dir));
      // The ticket's one card instance, delivered to the asker too (no event: delivered here, the same way).
      const shown = await syncTicketCard(deps, dir, found.value, [{ userId, role: 'viewer' }], log);
      if (shown.failed.length > 0) log.warn('chat.command.show_not_delivered', { code: shown.failed[0]!.code });
      // A new message whether or not they held the card (an old card far up the chat is no answer).
      const history = await deps.tickets.history(me, command.ref);
      const zone = reader.person?.timezone ?? dir.timezone;
      const title = refOf(found.value);
      await replyPrivately(deps, userId, { title, text: showText(found.value, history.ok ? history.value : [], dir, c, zone, deps.pageBase) }, log);
      if (where.kind === 'group') await say(fill(c.reply.showSent, { ref: title }));
      return;
    }
  }
}

/** The help for what this reader may do (views/replies/help-text.ts). */
