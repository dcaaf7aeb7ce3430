/**
 * The problem card's Forms (docs/domain.md §9, docs/dingtalk-cards.md §2.5): Resolve asks for the root cause, the
 * workaround and the solution (`problem.resolve`: root cause required, and a workaround or a solution — the domain
 * checks it and the refusal sentence says which is missing); Link a ticket and Unlink a ticket ask for the ticket's
 * ref (`problem.link` / `problem.unlink`, the problem riding back as the hidden `problem`); on a request's or
 * incident's card, Add to problem asks for the problem's ref (`problem.link`, `problem`). Hidden `action` and
 * `ref`/`problem` fields ride back with the submission, so it is routed like any click.
 */
import { ACTION_IDS } from '../../action-ids';
import type { CardForm } from '../../../domain/ports/chat-gateway.port';
import type { BotCatalog } from '../replies/bot-catalog';
import { hidden, line, paragraph, type FormPrefill } from './form-fields';

export const PROBLEM_FORM_KINDS = ['problem_resolve', 'problem_link', 'problem_link_to', 'problem_unlink'] as const;
export type ProblemFormKind = (typeof PROBLEM_FORM_KINDS)[number];

export function isProblemFormKind(kind: string): kind is ProblemFormKind {
  return (PROBLEM_FORM_KINDS as readonly string[]).includes(kind);
}

/** `ref`: the card's ticket (the problem, except for `problem_link_to`). */
export function renderProblemForm(kind: ProblemFormKind, ref: string, c: BotCatalog, prefill: FormPrefill = {}): CardForm {
  const f = c.problem.fields;
  switch (kind) {
    case 'problem_resolve':
      return {
        fields: [
          hidden('action', ACTION_IDS.problemResolve),
          hidden('ref', ref),
          paragraph('root_cause', f.root_cause, true, prefill),
          paragraph('workaround', f.workaround, false, prefill),
          paragraph('solution', f.solution, false, prefill),
        ],
      };
    case 'problem_link':
    case 'problem_unlink': {
      const action = kind === 'problem_link' ? ACTION_IDS.problemLink : ACTION_IDS.problemUnlink;
      return { fields: [hidden('action', action), hidden('problem', ref), line('ref', f.ref, prefill)] };
    }
    case 'problem_link_to':
      return { fields: [hidden('action', ACTION_IDS.problemLink), hidden('ref', ref), line('problem', f.problem, prefill)] };
  }
}
