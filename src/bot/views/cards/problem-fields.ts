/**
 * Problems on cards (docs/domain.md §9): a request or incident linked to a problem shows "问题 P-… / Problem P-…";
 * a problem shows its root cause and workaround once recorded. "建立问题 / Make problem" (`ticket.make_problem`) is
 * offered on a request's or incident's card to the problem managers who may make a problem of it.
 */
import { ACTION_IDS } from '../../action-ids';
import type { Directory } from '../../../domain/directory/directory';
import type { CardAction, CardField } from '../../../domain/ports/chat-gateway.port';
import { checkProblemSource, problemTeamOf } from '../../../domain/tickets/open-problem';
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
 * The Make problem button for one holder: a problem manager of a team serving the ticket. Administrators may make
 * problems too (the command, or the action itself) but get no button on every card they hold.
 */
export function problemButtons(t: Ticket, dir: Directory, personId: string | null, c: BotCatalog): CardAction[] {
  if (!personId || !checkProblemSource(t).ok || !dir.isActive(personId)) return [];
  const may = problemTeamOf(dir, personId, t.service, t.org) !== null;
  return may ? [{ label: c.problem.makeButton, action: ACTION_IDS.makeProblem, tone: 'neutral', enabled: true, input: '', placeholder: '' }] : [];
}
