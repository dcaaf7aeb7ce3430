/**
 * Problems on cards (docs/domain.md §9): a request or incident linked to a problem shows "问题 P-… / Problem P-…";
 * a problem shows its root cause and workaround once recorded. "建立问题 / Make problem" (`ticket.make_problem`) is
 * offered on a request's or incident's card to the problem managers who may make a problem of it.
 */
import { ACTION_IDS } from '../../action-ids';
import type { Directory } from '../../../domain/directory/directory';
import type { CardAction, CardField } from '../../../domain/ports/chat-gateway.port';
import { commandsFrom } from '../../../domain/tickets/lifecycle';
import { checkProblemManager, checkProblemSource, problemTeamOf } from '../../../domain/tickets/open-problem';
import { isAllowed } from '../../../domain/tickets/permissions';
import { formatRef, type Ticket } from '../../../domain/tickets/ticket';
import type { BotCatalog } from '../replies/bot-catalog';

export function problemFields(t: Ticket, c: BotCatalog, text: (s: string) => string): CardField[] {
  const w = c.problem;
  if (t.kind !== 'problem') return t.problem ? [{ label: w.label, value: formatRef('problem', t.problem) }] : [];
  return [
    ...(t.rootCause ? [{ label: w.rootCauseLabel, value: text(t.rootCause) }] : []),
    ...(t.workaround ? [{ label: w.workaroundLabel, value: text(t.workaround) }] : []),
  ];
}

/**
 * The problem buttons for one holder (docs/domain.md §9). On a request's or incident's card, for a problem manager of
 * a team serving the ticket: Make problem and Add to problem (its input: the problem's ref) while it belongs to
 * none, Remove from problem once it does. Administrators may do all of it too (the commands, or the actions
 * themselves) but get no buttons on every card they hold. On a problem's card: Resolve problem (a Form: root cause,
 * workaround, solution) for those who may resolve it now; Link a ticket and Unlink a ticket (Forms asking the
 * ticket's ref) for its team's problem managers and administrators while it is not closed. The server re-checks
 * every click (src/application/tickets/problems.ts).
 */
export function problemButtons(t: Ticket, dir: Directory, personId: string | null, c: BotCatalog): CardAction[] {
  if (!personId || !dir.isActive(personId)) return [];
  if (t.kind === 'problem') return problemCardButtons(t, dir, personId, c);
  const button = (label: string, action: string, input = '', placeholder = ''): CardAction => ({ label, action, tone: 'neutral', enabled: true, input, placeholder });
  if (problemTeamOf(dir, personId, t.service, t.org) === null) return [];
  if (checkProblemSource(t).ok) {
    const w = c.problem.buttons.linkTo;
    return [button(c.problem.makeButton, ACTION_IDS.makeProblem), button(w.label, ACTION_IDS.problemLink, 'problem', w.placeholder)];
  }
  return t.problem !== null ? [button(c.problem.buttons.unlinkFrom, ACTION_IDS.problemUnlink)] : [];
}

function problemCardButtons(t: Ticket, dir: Directory, personId: string, c: BotCatalog): CardAction[] {
  const w = c.problem.buttons;
  const out: CardAction[] = [];
  if (commandsFrom(t.status, t.kind).includes('resolve_problem') && isAllowed(dir, personId, 'resolve', t)) {
    out.push({ label: w.resolve, action: ACTION_IDS.problemResolve, tone: 'positive', enabled: true, input: '', placeholder: '' });
  }
  if (t.status !== 'closed' && checkProblemManager(dir, personId, t, 'problem_link').ok) {
    out.push(
      { label: w.link, action: ACTION_IDS.problemLink, tone: 'neutral', enabled: true, input: '', placeholder: '' },
      { label: w.unlink, action: ACTION_IDS.problemUnlink, tone: 'neutral', enabled: true, input: '', placeholder: '' },
    );
  }
  return out;
}
