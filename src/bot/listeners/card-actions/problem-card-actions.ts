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
import type { TicketActionSpec } from './ticket-action-spec';

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
  [ACTION_IDS.problemLink]: {
    input: 'problem',
    done: (c, v, ref) => fill(c.problem.linked, { ref, problem: (v as Ticket).problem ? refOf({ kind: 'problem', id: (v as Ticket).problem! }) : '' }),
    run: (deps, actor, ref, p) => deps.tickets.linkProblem(actor, ref, p.get('problem') ?? ''),
  },
  [ACTION_IDS.problemUnlink]: {
    input: null,
    done: (c, _v, ref) => fill(c.problem.unlinked, { ref }),
    run: (deps, actor, ref) => deps.tickets.unlinkProblem(actor, ref),
  },
  [ACTION_IDS.problemResolve]: {
    input: null,
    done: (c, _v, ref) => fill(c.problem.resolved, { ref }),
    run: (deps, actor, ref, p) =>
      deps.tickets.resolveProblem(actor, ref, { rootCause: p.get('root_cause') ?? '', workaround: p.get('workaround'), solution: p.get('solution') }),
  },
};
