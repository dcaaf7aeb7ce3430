/**
 * The Form flow of the multi-field card actions (docs/dingtalk-cards.md §2.5): Pend (`reason` + `reason_kind`,
 * docs/demands.md), Resolve (`solution` + `resolution_code`)
 * and Close (`satisfaction` + optional `comment`).
 * - A click that does not carry the values yet (the Resolve or "Close…" button) opens the clicker's Form, after the
 *   same checks the domain makes before the transition (the state allows it, this person may do it): a stale card
 *   is answered with the refusal and the current state, never with a Form.
 * - A Form submission (or a click that carries every value: the quick Close 1–4 buttons, named params) runs the
 *   action; the server re-checks everything. Values the domain refuses (no solution, an unknown code, a satisfaction
 *   outside 1–4) write nothing: the usual refusal line says what to do, and the Form stays open, filled in again.
 * Any other answer closes the clicker's Form.
 */
import { ACTION_IDS } from '../../action-ids';
import type { Directory } from '../../../domain/directory/directory';
import type { CardForm } from '../../../domain/ports/chat-gateway.port';
import type { Log } from '../../../domain/ports/log.port';
import { fail, ok, type Result } from '../../../domain/shared/result';
import { checkProblemManager } from '../../../domain/tickets/open-problem';
import { checkCommand } from '../../../domain/tickets/lifecycle';
import { refOf, type Ticket } from '../../../domain/tickets/ticket';
import { demandWords } from '../../views/replies/demand-words';
import { renderForm, type FormKind, type FormPrefill } from '../../views/cards/render-form';
import { TICKET_BUTTONS } from '../../views/cards/ticket-buttons';
import type { BotCatalog } from '../../views/replies/bot-catalog';
import { fill } from '../../views/replies/plain-text';
import type { Actor } from '../../../domain/tickets/actor';
import type { CardActionParams } from './card-action-params';
import type { ChatLayerDeps } from '../../chat-deps';
import type { TicketActionSpec } from './ticket-action-spec';

interface FormFlow {
  kind: FormKind;
  /** The Form's visible fields (what a refused submission is filled in with again). */
  fields: readonly string[];
  /** The click already carries what the action needs. */
  complete(p: CardActionParams): boolean;
}

/** A flow whose Form depends on the card's ticket (a problem's card or a request's), with its own opening check. */
interface TicketFormFlow {
  of(t: Ticket): FormFlow & { mayOpen(t: Ticket, dir: Directory, personId: string): Result<null> };
}

const FLOWS: Readonly<Record<string, FormFlow>> = {
  [ACTION_IDS.resolve]: {
    kind: 'resolve',
    fields: ['solution', 'resolution_code'],
    complete: (p) => p.get('solution') !== undefined && p.get('resolution_code') !== undefined,
  },
  [ACTION_IDS.close]: { kind: 'close', fields: ['satisfaction', 'comment'], complete: (p) => p.get('satisfaction') !== undefined },
  // Pend: a reason and its kind (docs/demands.md); a click carrying a reason pends at once (kind `other`).
  [ACTION_IDS.pend]: { kind: 'pend', fields: ['reason', 'reason_kind'], complete: (p) => p.get('reason') !== undefined },
};

/** Problems (docs/domain.md §9): Resolve, Link a ticket and Unlink a ticket on its card, Add to problem on a ticket's. */
const PROBLEM_FLOWS: Readonly<Record<string, TicketFormFlow>> = {
  [ACTION_IDS.problemResolve]: {
    of: () => ({
      kind: 'problem_resolve',
      fields: ['root_cause', 'workaround', 'solution'],
      complete: (p) => p.get('root_cause') !== undefined,
      mayOpen: (t, dir, personId) => checkCommand(t, { type: 'resolve_problem' }, dir, personId),
    }),
  },
  [ACTION_IDS.problemLink]: {
    of: (t) =>
      t.kind === 'problem'
        ? { kind: 'problem_link', fields: ['ref'], complete: () => false, mayOpen: mayChangeProblem('problem_link') }
        : { kind: 'problem_link_to', fields: ['problem'], complete: (p) => p.get('problem') !== undefined, mayOpen: () => ({ ok: true, value: null }) },
  },
  // On a linked ticket's card the button unlinks at once (no Form); on the problem's card the Form asks which ticket.
  [ACTION_IDS.problemUnlink]: {
    of: (t) => ({
      kind: 'problem_unlink',
      fields: ['ref'],
      complete: () => t.kind !== 'problem',
      mayOpen: mayChangeProblem('problem_unlink'),
    }),
  },
};

function mayChangeProblem(action: string) {
  return (t: Ticket, dir: Directory, personId: string): Result<null> => {
    const may = checkProblemManager(dir, personId, t, action);
    if (!may.ok) return may;
    if (t.status === 'closed') return fail('TICKET.NOT_OPEN', 'the problem is closed', { ref: refOf(t), state: t.status });
    return ok(null);
  };
}

/** Refusals about the values typed (the Form stays open); any other refusal closes it. */
const INPUT_ERRORS = new Set([
  'TICKET.FIELD_REQUIRED',
  'TICKET.FIELD_TOO_LONG',
  'TICKET.BAD_RESOLUTION_CODE',
  'TICKET.BAD_SATISFACTION',
  // a ref typed into a problem's Form that names no ticket, or the wrong kind of one
  'TICKET.NOT_FOUND',
  'PROBLEM.NOT_A_PROBLEM',
  'PROBLEM.NOT_A_TICKET',
]);

export interface FormStep {
  result: Result<unknown>;
  /** The clicker's Form after this click: open with these fields, or closed (null). */
  form: CardForm | null;
  /** Set when the click only opened the Form (nothing was run): the clicker's line saying what to fill in. */
  opened?: string;
}

/** May the Form open: the checks `decide` makes before the transition (the state allows it, this person may). */
function mayOpen(t: Ticket, dir: Directory, personId: string, kind: FormKind): Result<null> {
  const command = TICKET_BUTTONS.find((b) => b.id === kind)!.command!;
  return checkCommand(t, { type: command }, dir, personId);
}

function prefillOf(flow: FormFlow, p: CardActionParams): FormPrefill {
  return Object.fromEntries(flow.fields.map((f) => [f, p.get(f)]));
}

function openedLine(kind: FormKind, c: BotCatalog): string {
  switch (kind) {
    case 'pend':
      return demandWords(c.locale).pendForm.opened;
    case 'resolve':
    case 'close':
      return c.form.opened[kind];
    case 'problem_resolve':
      return c.problem.opened.resolve;
    case 'problem_link':
      return c.problem.opened.link;
    case 'problem_link_to':
      return c.problem.opened.linkTo;
    case 'problem_unlink':
      return c.problem.opened.unlink;
  }
}

/** Run one ticket card action, through its Form when it has one. */
export async function runCardAction(
  name: string,
  spec: TicketActionSpec,
  ctx: { deps: ChatLayerDeps; actor: Actor; ref: string; ticket: Ticket; dir: Directory; catalog: BotCatalog; log: Log },
  p: CardActionParams,
): Promise<FormStep> {
  const { deps, actor, ref, ticket, dir, catalog: c, log } = ctx;
  const problemFlow = PROBLEM_FLOWS[name]?.of(ticket);
  const flow = FLOWS[name] ?? problemFlow;
  if (!flow) return { result: await spec.run(deps, actor, ref, p, ticket, log), form: null };
  if (!p.fromForm && !flow.complete(p)) {
    const check = problemFlow ? problemFlow.mayOpen(ticket, dir, actor.person) : mayOpen(ticket, dir, actor.person, flow.kind);
    if (!check.ok) return { result: check, form: null };
    return {
      result: check,
      form: renderForm(flow.kind, ref, c, prefillOf(flow, p)),
      opened: fill(openedLine(flow.kind, c), { ref }),
    };
  }
  const result = await spec.run(deps, actor, ref, p, ticket, log);
  if (result.ok || !INPUT_ERRORS.has(result.error.code)) return { result, form: null };
  return { result, form: renderForm(flow.kind, ref, c, prefillOf(flow, p)) };
}
