/**
 * The ticket commands typed in chat (claim, assign, pend, resume, resolve, close, reopen, link, make incident,
 * note): each goes through the TicketService, which re-checks permissions and state exactly as for a card click,
 * and is answered with one sentence in the writer's language where they wrote: done (with the ref), or the coded
 * error as a sentence. Card updates follow from the outbox, as for clicks.
 */
import type { Directory } from '../../../domain/directory/directory';
import type { Log } from '../../../domain/ports/log.port';
import type { Result } from '../../../domain/shared/result';
import { refOf, type Ticket } from '../../../domain/tickets/ticket';
import type { ChatLayerDeps } from '../../chat-deps';
import type { BotCatalog } from '../../views/replies/bot-catalog';
import { errorSentence } from '../../views/replies/error-sentence';
import { fill, oneLine } from '../../views/replies/plain-text';
import { SYSTEM_ACTOR, type Actor } from '../../../domain/tickets/actor';
import { assignTarget } from './assign-target';
import type { ChatCommand } from './command-grammar';

/** Resolution code of a ticket resolved by command (the card's Form may pick another). */
const COMMAND_RESOLUTION_CODE = 'other';
const NAME_MAX = 40;

export type TicketCommand = Extract<
  ChatCommand,
  { name: 'claim' | 'assign' | 'pend' | 'resume' | 'resolve' | 'close' | 'reopen' | 'link' | 'merge' | 'note' | 'withdraw' | 'demand' }
>;

export const TICKET_COMMAND_NAMES: readonly TicketCommand['name'][] = [
  'claim',
  'assign',
  'pend',
  'resume',
  'resolve',
  'close',
  'reopen',
  'link',
  'merge',
  'note',
  'withdraw',
  'demand',
];

export function isTicketCommand(command: ChatCommand): command is TicketCommand {
  return (TICKET_COMMAND_NAMES as readonly string[]).includes(command.name);
}

export interface TicketCommandInput {
  dir: Directory;
  me: Actor;
  /** The writer's DingTalk user id (an incident they make is delivered to their direct chat, and its team's contacts'). */
  userId: string;
  atUserIds: readonly string[];
  command: TicketCommand;
  catalog: BotCatalog;
}

/** The sentence answering the command. */
export async function runTicketCommand(deps: ChatLayerDeps, input: TicketCommandInput, log: Log): Promise<string> {
  const { dir, me, command, catalog: c } = input;
  const said = (r: Result<unknown>, done: () => string): string => {
    if (r.ok) return done();
    log.info('chat.command.refused', { command: command.name, code: r.error.code });
    return errorSentence(r.error, c, dir);
  };
  const doneFor = (key: keyof BotCatalog['notice']['done'], ref: string) => () => fill(c.notice.done[key], { ref });
  const t = deps.tickets;

  switch (command.name) {
    case 'claim':
      return said(await t.claim(me, command.ref), doneFor('claim', command.ref));
    case 'pend':
      return said(await t.pend(me, command.ref, command.reason), doneFor('pend', command.ref));
    case 'resume':
      return said(await t.resume(me, command.ref), doneFor('resume', command.ref));
    case 'resolve':
      return said(await t.resolve(me, command.ref, command.solution, COMMAND_RESOLUTION_CODE), doneFor('resolve', command.ref));
    case 'close':
      return said(await t.close(me, command.ref, command.satisfaction, command.comment), doneFor('close', command.ref));
    case 'reopen':
      return said(await t.reopen(me, command.ref, command.reason), doneFor('reopen', command.ref));
    case 'withdraw':
      return said(await t.withdraw(me, command.ref, command.reason), () => fill(c.week.withdrawn, { ref: command.ref }));
    case 'note':
      return said(await t.addLog(me, command.ref, command.text, 'public'), doneFor('note', command.ref));
    case 'demand': {
      const converted = await t.convertToDemand(me, command.ref, command.note, { demandTeam: deps.demandTeam });
      return said(converted, () => fill(c.ops.demandCreated, { ref: command.ref, demand: converted.ok ? converted.value.demand : '' }));
    }
    case 'link':
      return said(await t.linkToIncident(me, command.ref, command.incident), () =>
        fill(c.ops.linked, { ref: command.ref, incident: command.incident }),
      );
    case 'assign': {
      const target = assignTarget(dir, command.target, input.atUserIds);
      if (!target.ok) {
        const name = oneLine(target.error.name, NAME_MAX, c.format.ellipsis);
        if (target.error.problem === 'none') return fill(c.ops.noTarget, { ref: command.ref });
        return fill(target.error.problem === 'ambiguous' ? c.ops.targetAmbiguous : c.ops.targetUnknown, { name });
      }
      const found = await t.get(SYSTEM_ACTOR, command.ref);
      if (!found.ok) return said(found, () => '');
      const ticket = found.value;
      const r =
        ticket.agent === null
          ? await t.assign(me, command.ref, ticket.team, target.value.id)
          : await t.reassign(me, command.ref, { agent: target.value.id });
      return said(r, () => fill(c.ops.assigned, { ref: command.ref, agent: oneLine(target.value.name, NAME_MAX, c.format.ellipsis) }));
    }
    case 'merge': {
      const made = await t.createIncident(me, { requests: command.refs, ...(command.title ? { title: command.title } : {}) });
      if (!made.ok) return said(made, () => '');
      // Its card goes to its maker and the contacts from the outbox (`IncidentCreated`).
      const incident: Ticket = made.value;
      return fill(c.ops.merged, { ref: refOf(incident), refs: command.refs.join(c.locale === 'en' ? ', ' : '、') });
    }
  }
}
