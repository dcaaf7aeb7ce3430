/**
 * Problem card actions (docs/domain.md §9, docs/interfaces.md "Problems"): `ticket.make_problem` on a request's or
 * incident's card (params `refs`, comma-separated, default the card's ticket; optional `title`), `problem.link`
 * (`ref`, `problem`), `problem.unlink` (`ref`) and `problem.resolve` (`ref` = the problem, `root_cause`,
 * `workaround`, `solution`). The use cases re-check who may: everyone else is refused with a sentence and nothing
 * changes.
 */
import { ACTION_IDS } from '../../action-ids';
import { refOf, type Ticket } from '../../../domain/tickets/ticket';
import { fill } from '../../views/replies/plain-text';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { CardActionParams } from './card-action-params';
import type { TicketActionSpec } from './ticket-action-spec';

/** A ref typed into a Form or an input, or the refusal that asks for it. */
function typed(p: CardActionParams, field: 'ref' | 'problem'): Result<string> {
  const v = p.get(field)?.trim();
  return v ? ok(v) : fail('TICKET.FIELD_REQUIRED', `${field} is required`, { field });
}

const list = (refs: string | undefined, fallback: string): string[] =>
  (refs ?? '').split(/[\s,，、]+/).map((r) => r.trim()).filter(Boolean).concat(refs ? [] : [fallback]);

export const PROBLEM_CARD_ACTIONS: Readonly<Record<string, TicketActionSpec>> = {
  [ACTION_IDS.makeProblem]: {
    input: null,
    done: (c, v) => {
      const { problem, refs } = v as { problem: Ticket; refs: string[] };
      return fill(c.problem.made, { ref: refOf(problem), refs: refs.join(c.locale === 'en' ? ', ' : '、') });
    },
    ticketOf: () => undefined,
    run: async (deps, actor, ref, p) => {
      const refs = list(p.get('refs'), ref);
      const title = p.get('title');
      const made = await deps.tickets.makeProblem(actor, { refs, ...(title ? { title } : {}) });
      return made.ok ? { ok: true, value: { problem: made.value, refs } } : made;
    },
  },
  // On a request's or incident's card (`ref` = it, `problem` typed); on the problem's card (`ref` typed in its Form).
  [ACTION_IDS.problemLink]: {
    input: 'problem',
    done: (c, v) => {
      const t = v as Ticket;
      return fill(c.problem.linked, { ref: refOf(t), problem: t.problem ? refOf({ kind: 'problem', id: t.problem }) : '' });
    },
    run: async (deps, actor, ref, p, t) => {
      const other = typed(p, t.kind === 'problem' ? 'ref' : 'problem');
      if (!other.ok) return other;
      return t.kind === 'problem' ? deps.tickets.linkProblem(actor, other.value, ref) : deps.tickets.linkProblem(actor, ref, other.value);
    },
  },
  // On a linked ticket's card (`ref` = it); on the problem's card (`ref` typed in its Form, only out of this problem).
  [ACTION_IDS.problemUnlink]: {
    input: null,
    done: (c, v) => fill(c.problem.unlinked, { ref: refOf(v as Ticket) }),
    run: async (deps, actor, ref, p, t) => {
      if (t.kind !== 'problem') return deps.tickets.unlinkProblem(actor, ref);
      const linked = typed(p, 'ref');
      return linked.ok ? deps.tickets.unlinkProblem(actor, linked.value, ref) : linked;
    },
  },
  [ACTION_IDS.problemResolve]: {
    input: null,
    done: (c, _v, ref) => fill(c.problem.resolved, { ref }),
    run: (deps, actor, ref, p) =>
      deps.tickets.resolveProblem(actor, ref, { rootCause: p.get('root_cause') ?? '', workaround: p.get('workaround'), solution: p.get('solution') }),
  },
};
