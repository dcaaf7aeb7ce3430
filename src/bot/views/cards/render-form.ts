/**
 * The card Forms of the multi-field actions (docs/dingtalk-cards.md §2.5, DingTalk 表单变量): Resolve asks for a
 * solution and a resolution code, Close for a satisfaction (1 very satisfied … 4 very dissatisfied) and an optional
 * comment. Hidden `action` and `ref` fields ride back with the submission, so it is routed like any click. A Form
 * may be pre-filled (a text typed before, or the values of a refused submission). Words come from the catalog.
 */
import { ACTION_IDS, type ActionId } from '../../action-ids';
import type { CardForm, CardFormField } from '../../../domain/ports/chat-gateway.port';
import { RESOLUTION_CODES } from '../../../domain/tickets/ticket';
import type { BotCatalog } from '../replies/bot-catalog';
import { demandWords, PEND_REASON_KINDS } from '../replies/demand-words';
import { hidden, paragraph, type FormPrefill } from './form-fields';
import { isProblemFormKind, PROBLEM_FORM_KINDS, renderProblemForm } from './problem-forms';

export const FORM_KINDS = ['resolve', 'close', 'pend', ...PROBLEM_FORM_KINDS] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/** The action id each Form submits (its hidden `action` field). */
export const FORM_ACTION: Record<FormKind, ActionId> = {
  resolve: ACTION_IDS.resolve,
  close: ACTION_IDS.close,
  pend: ACTION_IDS.pend,
  // Problems (docs/domain.md §9)
  problem_resolve: ACTION_IDS.problemResolve,
  problem_link: ACTION_IDS.problemLink,
  problem_link_to: ACTION_IDS.problemLink,
  problem_unlink: ACTION_IDS.problemUnlink,
};

const SATISFACTIONS = ['1', '2', '3', '4'] as const;

export type { FormPrefill } from './form-fields';

function choice(
  name: string,
  words: { label: string; placeholder: string },
  options: Array<{ value: string; text: string }>,
  prefill: FormPrefill,
): CardFormField {
  const field: CardFormField = { name, kind: 'choice', label: words.label, placeholder: words.placeholder, required: true, options };
  const value = prefill[name]?.trim();
  if (value !== undefined && options.some((o) => o.value === value)) field.defaultValue = value;
  return field;
}

/** The resolve form's choices: the people-given codes, 其他 / Other last (system-only codes never offered). */
export const FORM_RESOLUTION_CODES = [...RESOLUTION_CODES.filter((code) => code !== 'other'), 'other' as const];

export function renderForm(kind: FormKind, ref: string, c: BotCatalog, prefill: FormPrefill = {}): CardForm {
  if (isProblemFormKind(kind)) return renderProblemForm(kind, ref, c, prefill);
  const head = [hidden('action', FORM_ACTION[kind]), hidden('ref', ref)];
  if (kind === 'resolve') {
    const codes = FORM_RESOLUTION_CODES.map((code) => ({ value: code, text: c.form.resolutionCodes[code] }));
    return {
      fields: [...head, paragraph('solution', c.form.solution, true, prefill), choice('resolution_code', c.form.resolutionCode, codes, prefill)],
    };
  }
  if (kind === 'pend') {
    // The pend Form: a reason and its kind; `demand` converts the request (docs/demands.md "Converting a request").
    const w = demandWords(c.locale).pendForm;
    const kinds = PEND_REASON_KINDS.map((k) => ({ value: k, text: w.kinds[k] }));
    return { fields: [...head, paragraph('reason', w.reason, true, prefill), choice('reason_kind', w.reasonKind, kinds, prefill)] };
  }
  const ratings = SATISFACTIONS.map((s) => ({ value: s, text: c.form.satisfactions[s] }));
  return {
    fields: [...head, choice('satisfaction', c.form.satisfaction, ratings, prefill), paragraph('comment', c.form.comment, false, prefill)],
  };
}
